#!/usr/bin/env bash
# newsval's benchmark: builds release, generates the corpus if absent, then times in one
# run, side by side, newsval and the floors (examples/floor.rs), and prints medians,
# ratios, the single-file latency and peak memory. See bench/README.md.
#
#   bench/run.sh            10k and 100k items and the peers (~20 min on 2 cores; RUNS=7, ~25)
#   bench/run.sh --quick    1k and 10k items, fewer runs (~1 min; ~5 with the peers)
#   SMALL=20000 LARGE=200000 RUNS=5 bench/run.sh
#   ONLY_REPORT=1 bench/run.sh   reuse the corpus timings of the last run; redo the rest
#   PEERS=0 bench/run.sh         without the peers (Python, check-jsonschema, remark-lint)
#   PEER_N=2000 bench/run.sh     the JSON-Schema linters' corpus size (default 1000)
#
# Needs: cargo, python3 (standard library only), hyperfine and GNU time (installed with
# apt-get when missing). The corpus goes to bench/corpus/ (git-ignored) and is reused.
# The peers get their own virtualenv and npm folder there, with pinned versions from
# PyPI and the npm registry; a peer that cannot be installed is left out, not failed.
set -euo pipefail
cd "$(dirname "$0")/.."

SMALL=${SMALL:-10000}
LARGE=${LARGE:-100000}
RUNS=${RUNS:-5}
if [[ "${1:-}" == "--quick" ]]; then
    SMALL=1000 LARGE=10000 RUNS=3
fi
OUT=bench/corpus
RESULTS=$OUT/results
mkdir -p "$RESULTS"

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine || [[ ! -x /usr/bin/time ]]; then
    echo "== installing hyperfine and GNU time (apt-get)"
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq hyperfine time >/dev/null
fi

echo "== cargo build --release (newsval, then the floors)"
# Two builds: one with the example would unify the dev-dependencies' features into the
# binary (4.6 MB instead of 4.1); the binary timed is the one `cargo install` builds.
cargo build --release --locked --bin newsval 2>&1 | tail -1
cargo build --release --locked --example floor 2>&1 | tail -1
BIN=target/release/newsval
FLOOR=target/release/examples/floor

for n in "$SMALL" "$LARGE"; do
    if [[ ! -d "$OUT/items-$n" ]]; then
        echo "== generating $n items in $OUT/items-$n"
        python3 bench/gen_corpus.py "$OUT/items-$n" "$n"
    fi
done
S=$OUT/items-$SMALL
L=$OUT/items-$LARGE
SEED=fixtures/valid/000_6dff586fa6765838.txt

# The peer teams use today: python-frontmatter + pydantic v2 strict + PyYAML's C loader.
# Single-threaded and ~15x slower, it is timed on the small corpus only.
# The Python peers (this one and check-jsonschema) share one virtualenv.
VENV=$OUT/peers-venv
PEER=()
PEER_ONE=()
if [[ "${PEERS:-1}" != 0 ]]; then
    if [[ ! -x $VENV/bin/python ]] || ! "$VENV/bin/python" -c "import frontmatter, pydantic, yaml" 2>/dev/null; then
        echo "== installing the Python peer into $VENV (pip)"
        python3 -m venv "$VENV" &&
            "$VENV/bin/pip" install -q python-frontmatter==1.3.0 pydantic==2.14.4 PyYAML==6.0.4 ||
            echo "   (no Python peer: the install failed)"
    fi
    if "$VENV/bin/python" -c "import frontmatter, pydantic, yaml" 2>/dev/null; then
        PEER=(-n "python-peer $SMALL" "$VENV/bin/python bench/peers/python_validator.py $S")
        PEER_ONE=(-n python-peer-one-file "$VENV/bin/python bench/peers/python_validator.py $SEED")
    fi
fi

# The JSON-Schema linters teams use: check-jsonschema (Python) and
# remark-lint-frontmatter-schema (Node), both given the schema `newsval schema` prints.
# At ~100 items/s they get a corpus of their own, PEER_N items from the same generator.
JSONSCHEMA=()
JSONSCHEMA_ONE=()
PEER_N=${PEER_N:-1000}
P=$OUT/items-$PEER_N
PEER_ONE_DIR=$OUT/peer-one
if [[ "${PEERS:-1}" != 0 ]]; then
    [[ -d $P ]] || python3 bench/gen_corpus.py "$P" "$PEER_N"
    "$BIN" schema >"$OUT/newsval.schema.json"
    if [[ ! -x $VENV/bin/check-jsonschema ]]; then
        echo "== installing check-jsonschema into $VENV (pip)"
        "$VENV/bin/pip" install -q check-jsonschema==0.39.0 || echo "   (no check-jsonschema: the install failed)"
    fi
    if [[ -x $VENV/bin/check-jsonschema ]]; then
        rm -rf "$P-yaml" "$PEER_ONE_DIR"
        python3 bench/peers/extract_frontmatter.py "$P" "$P-yaml"
        python3 bench/peers/extract_frontmatter.py "$SEED" "$PEER_ONE_DIR"
        CJ="bash bench/peers/check_jsonschema.sh $VENV/bin/check-jsonschema $OUT/newsval.schema.json"
        JSONSCHEMA+=(-n "check-jsonschema $PEER_N" "$CJ $P-yaml")
        JSONSCHEMA_ONE+=(-n check-jsonschema-one-file "$CJ $PEER_ONE_DIR")
    fi
    NODE_DIR=$OUT/peers-node
    REMARK=$NODE_DIR/node_modules/.bin/remark
    if [[ ! -x $REMARK ]] && need npm; then
        echo "== installing remark-lint-frontmatter-schema into $NODE_DIR (npm)"
        mkdir -p "$NODE_DIR"
        npm install -s --no-audit --no-fund --prefix "$NODE_DIR" remark-cli@12.0.1 \
            remark-frontmatter@5.0.0 @julian_cataldo/remark-lint-frontmatter-schema@3.7.6 ||
            echo "   (no remark-lint-frontmatter-schema: the install failed)"
    fi
    if [[ -x $REMARK ]]; then
        cp bench/peers/remarkrc.mjs "$NODE_DIR/.remarkrc.mjs"
        # Its Ajv knows draft-07, which has every keyword the schema uses; the draft
        # 2020-12 `$schema` line would only make Ajv refuse the schema.
        python3 -c 'import json, sys; s = json.load(open(sys.argv[1])); s.pop("$schema"); json.dump(s, open(sys.argv[2], "w"))' \
            "$OUT/newsval.schema.json" "$NODE_DIR/newsval.schema.draft-07.json"
        mkdir -p "$PEER_ONE_DIR" && cp "$SEED" "$PEER_ONE_DIR/item.md"
        RL="bash bench/peers/remark_lint.sh $OUT"
        JSONSCHEMA+=(-n "remark-lint-frontmatter-schema $PEER_N" "$RL items-$PEER_N")
        JSONSCHEMA_ONE+=(-n remark-lint-one-file "$RL peer-one/item.md")
    fi
    if [[ ${#JSONSCHEMA[@]} -gt 0 ]]; then
        JSONSCHEMA=(-n "newsval $PEER_N" "$BIN check $P" "${JSONSCHEMA[@]}")
    fi
fi

# Every command reads the corpus from the page cache, not the disk. This VM's memory
# manager (DAMON proactive reclaim) pages out file pages it has not seen read for a
# minute, even in the middle of a round: a 100k run then waited on the disk for up to
# 2,773 pages (about 1 ms each), and the 10k corpus, read more often, hardly ever. So
# each timed command in a round comes right after a read of both corpora (the floor
# `read`, on every core), which costs about a second.
WARM_BOTH="bash -c '$FLOOR read $S >/dev/null && $FLOOR read $L >/dev/null'"

# All commands run on every core unless -j says otherwise; newsval's output (its corpus
# has ~5% broken items) goes to /dev/null, and its exit status 1 is expected.
timeit() {
    local name=$1 runs=$2 warmup=$3
    shift 3
    hyperfine -N -i --style basic --warmup "$warmup" --runs "$runs" --export-json "$RESULTS/$name.json" "$@"
}

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
    "$(free -g | awk '/Mem:/ {print $2}') GiB; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# Every command that a ratio compares runs once in each round, in turn, so a slow spell
# of a shared machine falls on all of them alike instead of on whichever ran then; the
# report takes each command's median over the rounds. Round 0 only warms up.
COMMANDS=(
    -n "newsval $SMALL" "$BIN check $S"
    -n "floor-saphyr $SMALL" "$FLOOR saphyr $S"
    -n "floor-serde-yaml $SMALL" "$FLOOR serde-yaml $S"
    -n "newsval-j1 $SMALL" "$BIN check -j 1 $S"
    -n "two newsval-j1 at once $SMALL" "bash bench/two-at-once.sh $BIN check -j 1 $S"
    "${PEER[@]}"
    -n newsval "$BIN check $L"
    -n newsval-j1 "$BIN check -j 1 $L"
    -n floor-read "$FLOOR read $L"
    -n floor-tree "$FLOOR tree $L"
    -n floor-tree-j1 "$FLOOR tree $L -j 1"
    -n floor-saphyr "$FLOOR saphyr $L"
    -n floor-saphyr-model "$FLOOR saphyr-model $L"
    -n floor-serde-yaml "$FLOOR serde-yaml $L"
)
if [[ -z "${ONLY_REPORT:-}" ]]; then
    rm -f "$RESULTS"/round-*.json
    for round in $(seq 0 "$RUNS"); do
        echo "== round $round of $RUNS$([[ $round == 0 ]] && echo ' (warm-up, not counted)')"
        hyperfine -N -i --style none --runs 1 --prepare "$WARM_BOTH" \
            --export-json "$RESULTS/round-$round.json" "${COMMANDS[@]}" 2>&1 >/dev/null | { grep -v -e 'Ignoring non-zero exit code' -e '^ *$' || true; }
        python3 - "$RESULTS/round-$round.json" <<'PY'
import json, sys
print("   " + ", ".join(f"{r['command']} {r['times'][0]:.2f}s" for r in json.load(open(sys.argv[1]))["results"]))
PY
    done
fi

echo "== one file, process start to exit"
# /bin/true is the floor of any process start on this machine at this moment.
timeit single 100 20 -n newsval-one-file "$BIN check $SEED" -n process-start-floor "/bin/true" "${PEER_ONE[@]}"

echo "== --fix against a plain check, $LARGE items (each run on a fresh copy of the corpus)"
# The copy is made and read into the page cache before each timed run, not in it.
FIXED="$OUT/fix-copy-$LARGE"
COPY="bash -c 'rm -rf $FIXED && cp -r $L $FIXED && $FLOOR read $FIXED >/dev/null'"
timeit fix "${FIX_RUNS:-3}" 0 --prepare "$COPY" \
    -n newsval-check "$BIN check $FIXED" \
    -n newsval-fix "$BIN check --fix $FIXED"
rm -rf "$FIXED"

echo "== one staged file against the rest of a repository of $LARGE items (duplicate-item)"
# A repository: its newsval.toml and the corpus as its items. Named files (pre-commit's
# staged ones) are compared with every other item under the config's folder.
REPO="$OUT/repo-$LARGE"
mkdir -p "$REPO"
touch "$REPO/newsval.toml"
ln -sfn "$PWD/$L" "$REPO/items"
STAGED="items/$(ls "$L" | head -1)"
timeit staged 5 1 --prepare "$WARM_BOTH" \
    -n staged-in-repository "bash -c 'cd $REPO && $PWD/$BIN check $STAGED'" \
    -n staged-alone "bash -c 'cd $L && $PWD/$BIN check ${STAGED#items/}'" \
    -n whole-corpus "$BIN check $L"

rm -f "$RESULTS"/jsonschema*.json
if [[ ${#JSONSCHEMA[@]} -gt 0 ]]; then
    echo "== JSON-Schema linters and newsval on $PEER_N items, then one file"
    find "$P" "$P-yaml" -type f -print0 | xargs -0 cat >/dev/null
    timeit jsonschema "${PEER_RUNS:-3}" 1 "${JSONSCHEMA[@]}"
    timeit jsonschema-single 10 2 "${JSONSCHEMA_ONE[@]}"
fi

echo "== peak memory (max RSS, GNU time)"
peak() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
# Memory beyond the diagnostics: the same runs with nothing to report (every rule off),
# and with duplicate-item alone, whose originalUrl hashes are the one per-file state.
"$BIN" rules | awk 'BEGIN {print "[rules]"} {print $1 " = \"off\""}' >"$OUT/every-rule-off.toml"
grep -v '^duplicate-item ' "$OUT/every-rule-off.toml" >"$OUT/duplicate-item-alone.toml"
{
    for n in "$SMALL" "$LARGE"; do
        for config in every-rule-off duplicate-item-alone; do
            echo "newsval-$config-$n $(peak "$BIN" check --config "$OUT/$config.toml" "$OUT/items-$n")"
        done
    done
    echo "newsval-$SMALL $(peak "$BIN" check "$S")"
    if [[ ${#PEER[@]} -gt 0 ]]; then
        echo "python-peer-$SMALL $(peak "$OUT/peers-venv/bin/python" bench/peers/python_validator.py "$S")"
    fi
    for ((i = 0; i < ${#JSONSCHEMA[@]}; i += 3)); do
        read -ra command <<<"${JSONSCHEMA[i + 2]}"
        echo "${JSONSCHEMA[i + 1]// /-} $(peak "${command[@]}")"
    done
    echo "newsval-$LARGE $(peak "$BIN" check "$L")"
    echo "newsval-junit-$LARGE $(peak "$BIN" check --format junit "$L")"
    echo "floor-saphyr-$LARGE $(peak "$FLOOR" saphyr "$L")"
    echo "floor-serde-yaml-$LARGE $(peak "$FLOOR" serde-yaml "$L")"
} >"$RESULTS/peak.txt"

python3 - "$RESULTS" "$SMALL" "$LARGE" "$RUNS" <<'PY'
import json, sys
results, small, large, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def load(name, key="median"):
    return {r["command"]: (r[key] if key else r["user"] + r["system"])
            for r in json.load(open(f"{results}/{name}.json"))["results"]}
rounds = [json.load(open(f"{results}/round-{i}.json"))["results"] for i in range(1, runs + 1)]
def median(values):
    values = sorted(values)
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2
names = [r["command"] for r in rounds[0]]
wall = {n: median(r[i]["times"][0] for r in rounds) for i, n in enumerate(names)}
cpu = {n: median(r[i]["user"] + r[i]["system"] for r in rounds) for i, n in enumerate(names)}
s = {n.removesuffix(f" {small}"): t for n, t in wall.items() if n.endswith(f" {small}")}
l = {n: t for n, t in wall.items() if not n.endswith(f" {small}")}
one = load("single")
peak = {k: int(v) / 1024 for k, v in (line.split() for line in open(f"{results}/peak.txt"))}
print(f"\n| command | {large} items: median wall s | items/s | newsval / this | CPU s (user+sys, median) | newsval / this, CPU |")
print("|---|---:|---:|---:|---:|---:|")
for name, t in l.items():
    print(f"| {name} | {t:.3f} | {large / t:,.0f} | {l['newsval'] / t:.2f} | {cpu[name]:.2f} | {cpu['newsval'] / cpu[name]:.2f} |")
print(f"\n| command | {small} items: median s | newsval / this |")
print("|---|---:|---:|")
for name, t in s.items():
    print(f"| {name} | {t:.3f} | {s['newsval'] / t:.2f} |")
ratio = l["newsval"] / l["floor-saphyr"]
scaling = l["newsval"] / s["newsval"]
threads = l["newsval-j1"] / l["newsval"]
one_ms = one["newsval-one-file"] * 1000
mem = peak[f"newsval-{large}"]
print("\n| bar | measured | target | met |")
print("|---|---:|---:|---|")
def bar(name, value, target, ok):
    print(f"| {name} | {value} | {target} | {'yes' if ok else 'NO'} |")
bar("newsval / floor-saphyr (same YAML crate)", f"{ratio:.2f}x", "<= 1.5x", ratio <= 1.5)
bar("newsval / floor-serde-yaml (what users feel)", f"{l['newsval'] / l['floor-serde-yaml']:.2f}x", "(reported)", True)
bar(f"{large} / {small} items", f"{scaling:.2f}x", f"<= {1.1 * large / small:.0f}x", scaling <= 1.1 * large / small)
bar("1 thread / 2 threads", f"{threads:.2f}x", ">= 1.8x", threads >= 1.8)
# Ratios of runs that ran next to each other, a round at a time: less exposed to a slow
# spell that hits one command's median and not the other's.
def paired(slow, fast):
    return median(r[names.index(slow)]["times"][0] / r[names.index(fast)]["times"][0] for r in rounds)
per_round = paired("newsval-j1", "newsval")
print(f"| 1 thread / 2 threads, median of the per-round ratios | {per_round:.2f}x | (reported) | |")
# What two cores give here to any program: two single-thread runs at once against one.
ceiling = 2 * s["newsval-j1"] / s["two newsval-j1 at once"]
print(f"| ceiling here for 1 thread / 2 threads: 2 x one 1-thread run / two at once, {small} items | {ceiling:.2f}x | (machine) | |")
ceiling_paired = 2 * paired(f"newsval-j1 {small}", f"two newsval-j1 at once {small}")
print(f"| the same ceiling, median of the per-round ratios | {ceiling_paired:.2f}x | (machine) | |")
floor_threads = l["floor-tree-j1"] / l["floor-tree"]
print(f"| floor `tree` 1 thread / 2 threads (same walk, no rules) | {floor_threads:.2f}x; per round {paired('floor-tree-j1', 'floor-tree'):.2f}x | (reported) | |")
print(f"| 1 thread / 2 threads, {small} items | {s['newsval-j1'] / s['newsval']:.2f}x | (reported) | |")
bar("one file, start to exit", f"{one_ms:.1f} ms", "<= 5 ms", one_ms <= 5)
print(f"| /bin/true, start to exit (this machine's process floor) | {one['process-start-floor'] * 1000:.1f} ms | (machine) | |")
if "python-peer" in s:
    print(f"| Python peer, {small} items: items/s; newsval items/s | {small / s['python-peer']:,.0f}; {small / s['newsval']:,.0f} | (reported) | |")
    print(f"| Python peer / newsval, {small} items | {s['python-peer'] / s['newsval']:.1f}x | (reported) | |")
    print(f"| Python peer, one file, start to exit | {one['python-peer-one-file'] * 1000:.0f} ms | (reported) | |")
bar(f"peak memory, {large} items", f"{mem:.1f} MiB", "<= 64 MiB", mem <= 64)
fix = load("fix")
bar(f"check --fix / check, {large} items (fresh copies)", f"{fix['newsval-fix'] / fix['newsval-check']:.2f}x", "<= 1.5x",
    fix["newsval-fix"] / fix["newsval-check"] <= 1.5)
staged = load("staged")
print(f"| one staged file, repository of {large} items (duplicate-item over the rest) | "
      f"{staged['staged-in-repository']:.3f} s; {staged['staged-in-repository'] / staged['whole-corpus']:.2f}x a check of them all;"
      f" {staged['staged-alone'] * 1000:.1f} ms alone | (reported) | |")
growth = (mem - peak[f"newsval-{small}"]) * 1024 * 1024 / (large - small)
print(f"| peak memory growth, {small} to {large} items (diagnostics included) | {growth:.0f} bytes a file | (reported) | |")
for config, what in (("every-rule-off", "nothing to report (every rule off)"),
                     ("duplicate-item-alone", "duplicate-item alone on (its originalUrl hashes)")):
    grown = (peak[f"newsval-{config}-{large}"] - peak[f"newsval-{config}-{small}"]) * 1024 * 1024 / (large - small)
    print(f"| peak memory growth, {small} to {large} items, {what} | {grown:.0f} bytes a file"
          f" ({peak[f'newsval-{config}-{small}']:.1f} to {peak[f'newsval-{config}-{large}']:.1f} MiB) | (reported) | |")
import os
if os.path.exists(f"{results}/jsonschema.json"):
    # newsval's one file is the 100-run median above.
    linters, linters_one = load("jsonschema"), {**load("jsonschema-single"), **one}
    n = max(int(name.rsplit(" ", 1)[1]) for name in linters)
    print(f"\n| {n} items (JSON-Schema linters) | median s | items/s | this / newsval | one file, ms | peak MiB |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, t in linters.items():
        tool = name.rsplit(" ", 1)[0]
        single = {"newsval": "newsval", "check-jsonschema": "check-jsonschema",
                  "remark-lint-frontmatter-schema": "remark-lint"}[tool] + "-one-file"
        print(f"| {tool} | {t:.2f} | {n / t:,.0f} | {t / linters[f'newsval {n}']:.0f}x"
              f" | {linters_one[single] * 1000:.0f} | {peak.get(name.replace(' ', '-'), float('nan')):.1f} |")
print("\npeak memory (MiB): " + ", ".join(f"{k} {v:.1f}" for k, v in peak.items()))
PY
