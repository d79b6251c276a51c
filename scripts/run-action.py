"""Runs the steps of a composite GitHub Action here, as a runner would, for tests.

    python scripts/run-action.py ACTION_DIR [NAME=VALUE ...]

Each NAME=VALUE is an input; the others take their defaults from action.yml. Every step
must be a `shell: bash` run step; `${{ inputs.NAME }}`, `${{ github.action_path }}` and
`${{ steps.ID.outputs.NAME }}` are the expressions it knows, and any other fails the run,
so the action stays within what this test proves. The caller sets the runner's files and
folders (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, GITHUB_PATH, GITHUB_ENV, RUNNER_TEMP,
RUNNER_OS) in the environment; between steps, as on a runner, the folders a step added
to GITHUB_PATH go on the front of PATH and the variables it wrote to GITHUB_ENV are set,
and what a step wrote to its own GITHUB_OUTPUT becomes its outputs. Stops at the first
failing step and exits with its status, after writing the action's outputs to the
caller's GITHUB_OUTPUT (and printing them) as NAME=VALUE lines. Needs PyYAML.
"""

import os
import re
import subprocess
import sys
import tempfile

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def read_key_values(path):
    """NAME=VALUE lines of a GITHUB_OUTPUT / GITHUB_ENV file (the heredoc form too)."""
    values = {}
    if not os.path.exists(path):
        return values
    with open(path, encoding="utf-8") as file:
        lines = iter(file.read().splitlines())
    for line in lines:
        if "<<" in line and "=" not in line.split("<<", 1)[0]:
            name, delimiter = line.split("<<", 1)
            body = []
            for next_line in lines:
                if next_line == delimiter:
                    break
                body.append(next_line)
            values[name] = "\n".join(body)
        elif "=" in line:
            name, value = line.split("=", 1)
            values[name] = value
    return values


def evaluate(text, context):
    def replace(match):
        expression = match.group(1)
        if expression not in context:
            raise SystemExit(f"run-action: unsupported expression: ${{{{ {expression} }}}}")
        return context[expression]

    return EXPRESSION.sub(replace, str(text))


def main():
    action_dir = os.path.abspath(sys.argv[1])
    with open(os.path.join(action_dir, "action.yml"), encoding="utf-8") as file:
        action = yaml.safe_load(file)
    if action["runs"]["using"] != "composite":
        raise SystemExit("run-action: only composite actions")
    given = dict(argument.split("=", 1) for argument in sys.argv[2:])
    context = {"github.action_path": action_dir}
    for name, spec in (action.get("inputs") or {}).items():
        context[f"inputs.{name}"] = given.pop(name, str(spec.get("default", "")))
    if given:
        raise SystemExit(f"run-action: unknown inputs: {sorted(given)}")

    env = dict(os.environ)
    status = 0
    for step in action["runs"]["steps"]:
        if step.get("shell") != "bash" or "run" not in step:
            raise SystemExit(f"run-action: not a bash run step: {step}")
        print(f"== step: {step.get('name', step.get('id', 'run'))}", flush=True)
        step_env = dict(env)
        step_env.update({k: evaluate(v, context) for k, v in (step.get("env") or {}).items()})
        with tempfile.TemporaryDirectory() as scratch:
            output = os.path.join(scratch, "output")
            open(output, "w").close()
            step_env["GITHUB_OUTPUT"] = output
            script = os.path.join(scratch, "step.sh")
            with open(script, "w", encoding="utf-8") as file:
                file.write(evaluate(step["run"], context))
            # How a runner starts a `shell: bash` step.
            status = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", script], env=step_env
            ).returncode
            outputs = read_key_values(output)
        if "id" in step:
            for name, value in outputs.items():
                context[f"steps.{step['id']}.outputs.{name}"] = value
        if os.path.exists(env["GITHUB_PATH"]):
            with open(env["GITHUB_PATH"], encoding="utf-8") as file:
                added = [line for line in file.read().splitlines() if line]
            env["PATH"] = os.pathsep.join(list(reversed(added)) + [os.environ["PATH"]])
        env.update(read_key_values(env["GITHUB_ENV"]))
        if status != 0:
            break

    # The action's outputs, as the workflow that uses it would see them; an output of a
    # step that did not run is empty.
    with open(env["GITHUB_OUTPUT"], "a", encoding="utf-8") as file:
        for name, spec in (action.get("outputs") or {}).items():
            value = EXPRESSION.sub(lambda m: context.get(m.group(1), ""), spec["value"])
            print(f"{name}={value}")
            file.write(f"{name}={value}\n")
    sys.exit(status)


if __name__ == "__main__":
    main()
