#!/usr/bin/env bash
# harness/linux/golden.sh MODE ARCH TEST...: record (MODE=record) or check
# (MODE=verify) the golden traces of ARCH, one QEMU boot of Linux per run,
# each `harness run --target linux` (harness/targets/linux.target).
#
# Environment (set by harness/linux/linux.mk): TOP, BUILD, TESTMETA, TC_DIR,
# HARNESS (build/host/harness), GOLDEN_RUNS (runs per test, default 5),
# GOLDEN_CMD (the make command, for the provenance), GOLDEN_TIMEOUT_EXTRA
# (seconds added to a test's @timeout for booting, default 20), GOLDEN_FORCE=1
# (rewrite unchanged golden files), GOLDEN_TARGET (the target booted, a name
# or a .target file; default linux), GOLDEN_ICOUNT=0 (verify on real time),
# GOLDEN_RAW=0 (no .raw files recorded or checked; GOLDEN_RAW=strace: the
# .raw from a second run under raw strace, as before tdiff.raw=ftrace), GOLDEN_JOBS
# (boots and comparisons at once, default 2), GOLDEN_LONG (an @timeout from
# which a test boots alone, default 100).  A test's @golden-runs caps its runs.
#
# Every boot runs each test once, under `strace -f` for the .trace, with
# Linux's raw_syscalls events of that run recorded too (tdiff.raw=ftrace):
# batch-split.py writes them as the .raw, in the syntax of `strace -f -X raw
# -e raw=all` (the raw golden, compared with a kernel's raw trace).  A test
# whose events overflow the guest's buffer runs a second time under that
# strace instead (the init's fallback), as every test did with tdiff.raw=1
# (GOLDEN_RAW=strace).
#
# record: runs each test GOLDEN_RUNS times into build/<arch>/linux/golden-runs/
#   and compares the runs with each other (traces with tracediff, output
#   and exit status byte for byte).  All equal: golden/<arch>/<test>.{trace,raw,
#   out,meta} are written (as .tmp, then renamed) from run 1, unless the committed
#   golden already equals it, which is left untouched (no churn of pids and
#   dates).  Runs that differ are an error, unless the test declares @nondet:
#   then every distinct variant is kept, run 1 as <test>.*, the others as
#   <test>.alt<K>.{trace,out}, and the .meta lists them.
# verify: runs each test GOLDEN_RUNS times and compares each run with the
#   committed golden (or any of its variants).
# Either mode: a run whose files are byte for byte those of the run before it
#   is taken as that run's twin, without running tracediff again.
# Either mode: a test that fails (hang, panic, missing, unstable) is reported
#   and the next one is done; nothing already recorded is touched; exit 1
#   at the end if any failed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

mode=${1:?usage: golden.sh record|verify ARCH TEST...}
arch=${2:?usage: golden.sh record|verify ARCH TEST...}
shift 2
: "${TOP:?}" "${BUILD:?}" "${TESTMETA:?}" "${TC_DIR:?}" "${HARNESS:?}"
runs=${GOLDEN_RUNS:-5}
extra=${GOLDEN_TIMEOUT_EXTRA:-20}
b=$BUILD/$arch
gdir=$TOP/golden/$arch
work=$b/linux/golden-runs
case "$mode" in record|verify) ;; *) linux_fail "golden: mode '$mode': use record or verify" ;; esac
[ $# -gt 0 ] || linux_fail "golden $arch: no test to $mode"
# GOLDEN_SHARD=I/N (make's SHARD, or TEST_SHARD_INDEX/TEST_TOTAL_SHARDS): shard I of N,
# every Nth of the sorted names from the Ith, as `harness check --shard` does
shard=${GOLDEN_SHARD:-}
if [ -n "$shard" ]; then
  mapfile -t keep < <(printf '%s\n' "$@" | LC_ALL=C sort | awk -v i="${shard%/*}" -v n="${shard#*/}" '(NR - 1) % n == i')
  if [ ${#keep[@]} = 0 ]; then linux_step "golden $arch: shard $shard holds no test"; exit 0; fi
  set -- $(printf '%s\n' "$@" | grep -Fxf <(printf '%s\n' "${keep[@]}"))
fi
target=${GOLDEN_TARGET:-linux}
mkdir -p "$gdir" "$work"
# GOLDEN_ICOUNT=0: the same target on the host's real time, its -icount and
# virtual-clock RTC words dropped (a Linux-vs-Linux check of what timing may
# change; verify only: golden is recorded on virtual time)
if [ "${GOLDEN_ICOUNT:-1}" = 0 ]; then
  [ "$mode" = verify ] || linux_fail "golden: GOLDEN_ICOUNT=0 is for golden-verify only (golden is recorded on virtual time)"
  case $target in */*|*.target) src=$target ;; *) src=$TOP/harness/targets/$target.target ;; esac
  rt=$b/linux/$(basename "$src" .target)-realtime.target
  sed -e 's/ -icount shift=[0-9]*,sleep=off//' -e 's/,clock=vm//' \
      -e 's/^name: \(.*\)/name: \1-realtime/' "$src" >"$rt.tmp" && mv "$rt.tmp" "$rt"
  grep -v '^#' "$rt" | grep -q -- '-icount' && linux_fail "golden: could not drop -icount from $src"
  target=$rt
fi
[ -x "$HARNESS" ] || linux_fail "golden: $HARNESS is missing: run 'make harness'"
[ -x "$BUILD/host/tracediff" ] || linux_fail "golden: $BUILD/host/tracediff is missing: run 'make tracediff'"
raw=${GOLDEN_RAW:-1}
# the init's word for the raw golden: events of the decoded run, or (strace)
# a second run under raw strace
raw_word=tdiff.raw=ftrace
case $raw in
  strace) raw=1; raw_word=tdiff.raw=1 ;;
  0|1) ;;
  *) linux_fail "golden: GOLDEN_RAW=$raw: use 1 (default), strace or 0" ;;
esac
# .raw files are compared at tracediff's raw level when it has one (else as
# two strace texts, which they are)
raw_level=()
"$BUILD/host/tracediff" --help 2>&1 | grep -q -- '--level' && raw_level=(--level raw)

# golden_compare GOLDEN_TRACE RUN_TRACE DIFF [OPTION...]: 0 when the two
# traces do not diverge (tracediff, which normalizes pids, addresses and times).
golden_compare() {
  local a=$1 b=$2 d=$3
  shift 3
  "$BUILD/host/tracediff" --color never "$@" "$a" "$b" >"$d" 2>&1
}

# golden_src TEST: the test's source file (testcases/TEST.c or .sh), or for
# the glibc build NAME.glibc the name testmeta reads it by (testcases/NAME.glibc),
# in REPLY (empty when there is none).  The tests' are read once, into srcs.
golden_src() {
  REPLY=
  case $1 in
    *.glibc) [ -f "$TC_DIR/${1%.glibc}.c" ] && REPLY=$TC_DIR/$1 ;;
    *) if [ -f "$TC_DIR/$1.c" ]; then REPLY=$TC_DIR/$1.c
       elif [ -f "$TC_DIR/$1.sh" ]; then REPLY=$TC_DIR/$1.sh; fi ;;
  esac
  return 0
}

# golden_exit META: the status of META's "exit:" line, in REPLY (builtins
# only: the comparisons read it a few times a run, and a process costs
# milliseconds here)
golden_exit() {
  local l
  REPLY=
  while IFS= read -r l; do
    case $l in "exit: "*) REPLY=${l#exit: }; return 0 ;; esac
  done <"$1"
}

# golden_meta_check TEST SRC: every run ended as @exit says and printed every
# @expect line (as `harness run --meta`: each line within a line of the
# output); 0 when so, else the first miss
golden_meta_check() {
  local t=$1 src=$2 want i expect miss
  local -a outs=()
  want="exited $("$TESTMETA" get exit "$src")" || return 1
  for ((i = 1; i <= runs; i++)); do
    golden_exit "$work/$t/$i/$t.meta"
    if [ "$REPLY" != "$want" ]; then
      linux_step "$arch/$t: error: run $i under Linux ended '$REPLY', its @exit says '$want' ($work/$t/$i)"
      return 1
    fi
    outs+=("$work/$t/$i/$t.out")
  done
  expect=$("$TESTMETA" get expect "$src") ||
    { linux_step "$arch/$t: error: cannot read the @expect lines of $src"; return 1; }
  [ -n "$expect" ] || return 0
  # every run's output in one awk: the first run and line missing, if any
  miss=$(printf '%s\n' "$expect" | awk 'BEGIN {
    while ((getline l < "/dev/stdin") > 0) if (l != "") want[++n] = l
    for (r = 1; r < ARGC; r++) {
      delete seen
      while ((getline l < ARGV[r]) > 0)
        for (k = 1; k <= n; k++) if (!seen[k] && index(l, want[k])) seen[k] = 1
      close(ARGV[r])
      for (k = 1; k <= n; k++) if (!seen[k]) { print r "\t" want[k]; exit }
    }
    exit }' "${outs[@]}")
  if [ -n "$miss" ]; then
    linux_step "$arch/$t: error: run ${miss%%$'\t'*} under Linux did not print its @expect line '${miss#*$'\t'}' ($work/$t/${miss%%$'\t'*}/$t.out)"
    return 1
  fi
}

# golden_front NAME...: the names joined by commas, each after the first
# front-coded against the one before it when they share 2 characters or
# more (init.c, init_batch: "7vm_stack" after "clone3_einval" is
# clone3_vm_stack), so that a batch of the corpus fits the command line
golden_front() {
  printf '%s\n' "$@" | awk '
    { l = 0
      while (l < length(p) && l < length($0) && substr(p, l + 1, 1) == substr($0, l + 1, 1)) l++
      out = out (NR > 1 ? "," : "") (l > 1 ? l substr($0, l + 1) : $0)
      p = $0 }
    END { print out }'
}

# golden_boot RUN TEST...: run RUN of the tests, in as few boots as it takes:
# one boot runs them all in sequence (the guest init's tdiff.batch=, reset
# between tests: harness/linux/README.md), batch-split.py cuts each test's
# run files out of it into $work/<test>/RUN/.  A test the boot did not reach
# (a test before it changed the rootfs) gets the next boot; a test the boot
# ended in (hang, panic) gets $work/<test>/RUN.failed with the verdict.
golden_boot() {
  local i=$1 n=0 d first t tout add st name reason
  shift
  local left=("$@")
  while [ ${#left[@]} -gt 0 ]; do
    n=$((n + 1)); first=${left[0]}; d=$work/.batch/$i.$first.$n
    rm -rf "$d" && mkdir -p "$d"
    add=$extra
    for t in "${left[@]}"; do
      tout=${tmo[$t]:-60}
      # the first test's own timeout is the harness's; each raw run doubles
      # (with tdiff.raw=ftrace only a test that overflows the buffer has one)
      [ "$t" = "$first" ] || add=$(echo "$add + $tout" | bc)
      [ "$raw" = 1 ] && add=$(echo "$add + $tout" | bc)
    done
    local cmd=() words=()
    [ "$raw" = 1 ] && cmd+=("$raw_word")
    [ ${#left[@]} -gt 1 ] && cmd+=("tdiff.batch=$(golden_front "${left[@]:1}")")
    [ ${#cmd[@]} -gt 0 ] && words=(--cmdline "${cmd[*]}")
    TDIFF_TOP=$TOP "$HARNESS" run --target "$target" --arch "$arch" --out "$d" -j 1 \
      --no-prepare --timeout-add "$add" "${words[@]}" "$first" >"$d.harness" 2>&1
    local next=() progress=0
    while read -r st name reason; do
      case $st in
        done) progress=1 ;;
        failed) progress=1
          { echo "run $i: $reason (files in $d)"; sed 's/^/    /' "$d.harness"
            echo "  last console lines:"; tail -n 15 "$d/$first.console" 2>/dev/null | tr -d '\r' | sed 's/^/    /'
          } >"$work/$name/$i.failed" ;;
        left) next+=("$name") ;;
      esac
    done < <(TDIFF_TOP=$TOP python3 "$here/batch-split.py" $([ "$raw" = 1 ] && echo --raw) \
               "$d" "$first" "$work/{test}/$i" "$noise" \
               "$HARNESS cmdline --target $target --arch $arch --out $d $([ "$raw" = 1 ] && echo --cmdline "$raw_word")" "${left[@]}")
    if [ $progress = 0 ]; then
      for t in "${left[@]}"; do
        { echo "run $i: no result from the boot (files in $d)"; sed 's/^/    /' "$d.harness"; } >"$work/$t/$i.failed"
      done
      return
    fi
    left=("${next[@]}")
  done
}

# golden_runs_of TEST: how many runs TEST gets: GOLDEN_RUNS, or fewer when
# its @golden-runs caps them (a long test whose traced part cannot vary)
golden_runs_of() {
  local cap
  cap=$("$TESTMETA" get golden-runs "${srcs[$1]}" 2>/dev/null) || cap=0
  if [ "${cap:-0}" -gt 0 ] && [ "$cap" -lt "$runs" ]; then echo "$cap"; else echo "$runs"; fi
}

# golden_boot_all TEST...: every run of every test: each run in GOLDEN_BATCHES
# batches (default 2, the cores; more when a batch's name list, front-coded,
# would not fit the kernel command line; GOLDEN_BATCH=N caps a batch at N tests, 1 boots
# each test alone), at most GOLDEN_JOBS boots at once.  A test with an
# @timeout of GOLDEN_LONG seconds or more (default 100) has a boot of its
# own, started first in its run, so that it runs beside the others instead
# of after them; a test gets only its nruns (golden_runs_of) runs.
golden_boot_all() {
  local nb=${GOLDEN_BATCHES:-2} cap=${GOLDEN_BATCH:-0} i k t len tout active=0
  local -a short=() long=() batch
  for t in "$@"; do
    tout=${tmo[$t]:-10}
    if [ "$tout" -ge "${GOLDEN_LONG:-100}" ]; then long+=("$t"); else short+=("$t"); fi
  done
  [ "$cap" -gt 0 ] && [ $(((${#short[@]} + cap - 1) / cap)) -gt "$nb" ] && nb=$(((${#short[@]} + cap - 1) / cap))
  [ "$nb" -gt ${#short[@]} ] && nb=${#short[@]}
  # the tests dealt out in turn; more batches while one's list (after its
  # first test, front-coded: golden_front) is over 800 characters: riscv64's
  # command line holds 1024 (COMMAND_LINE_SIZE), the rest of it ~170
  while :; do
    for ((k = 0; k < nb; k++)); do batch[$k]=; done
    k=0
    for t in "${short[@]}"; do batch[$k]="${batch[$k]} $t"; k=$(((k + 1) % nb)); done
    len=0
    for ((k = 0; k < nb; k++)); do
      local -a these=(${batch[$k]})
      i=$(golden_front "${these[@]:1}" | wc -c)
      [ "$i" -gt "$len" ] && len=$i
    done
    [ "$len" -le 800 ] || [ "$nb" -ge ${#short[@]} ] && break
    nb=$((nb + 1))
  done
  for t in "${long[@]}"; do batch+=("$t"); done
  for ((i = 1; i <= runs; i++)); do
    # the long tests' boots first
    for ((k = ${#batch[@]} - 1; k >= 0; k--)); do
      local these=()
      for t in ${batch[$k]}; do [ "${nruns[$t]}" -ge "$i" ] && these+=("$t"); done
      [ ${#these[@]} -gt 0 ] || continue
      if [ "$active" -ge "${GOLDEN_JOBS:-2}" ]; then wait -n; active=$((active - 1)); fi
      golden_boot "$i" "${these[@]}" &
      active=$((active + 1))
    done
  done
  wait
}

# golden_same A_PREFIX B_PREFIX DIFF: 0 when the runs A and B (each a path
# without extension, with .trace, .out, .meta, and .raw unless GOLDEN_RAW=0)
# are the same run: traces and raw traces do not diverge, outputs are equal
# bytes, exit statuses are equal.  Why not in DIFF.
golden_same() {
  golden_compare "$1.trace" "$2.trace" "$3" || return 1
  if [ "$raw" = 1 ]; then
    if [ ! -f "$1.raw" ] || [ ! -f "$2.raw" ]; then
      echo "no raw trace: $([ -f "$1.raw" ] || echo "$1.raw") $([ -f "$2.raw" ] || echo "$2.raw") (record it with 'make golden')" >"$3"
      return 1
    fi
    golden_compare "$1.raw" "$2.raw" "$3" "${raw_level[@]}" || { sed -i '1i raw trace (.raw):' "$3"; return 1; }
  fi
  if ! cmp -s "$1.out" "$2.out"; then
    { echo "output differs:"; diff -u "$1.out" "$2.out"; } >"$3"
    return 1
  fi
  local ea eb
  golden_exit "$1.meta"; ea=$REPLY
  golden_exit "$2.meta"; eb=$REPLY
  if [ "$ea" != "$eb" ]; then
    echo "exit status differs: $ea vs $eb" >"$3"
    return 1
  fi
  return 0
}

# golden_twin A_PREFIX B_PREFIX: 0 when the runs A and B are the same bytes
# (trace, raw trace, output, exit status): B then compares as A does
# (tracediff is a function of its inputs), without running it again
golden_twin() {
  cmp -s "$1.trace" "$2.trace" && cmp -s "$1.out" "$2.out" || return 1
  if [ "$raw" = 1 ]; then cmp -s "$1.raw" "$2.raw" || return 1; fi
  local ea
  golden_exit "$1.meta"; ea=$REPLY
  golden_exit "$2.meta"
  [ "$ea" = "$REPLY" ]
}

# golden_variants TEST: the committed variants of TEST (path prefixes)
golden_variants() {
  local t=$1 f
  [ -f "$gdir/$t.trace" ] && echo "$gdir/$t"
  for f in "$gdir/$t".alt*.trace; do
    [ -f "$f" ] && echo "${f%.trace}"
  done
}

# golden_provenance TEST: the provenance lines shared by every test of this
# arch, and for a glibc build the glibc it was linked with
golden_provenance() {
  local k=$b/linux/kernel s=$b/strace/bin q
  linux_arch_vars "$arch"
  q=$("qemu-system-${arch}" --version | head -n1 | sed 's/^QEMU emulator version //')
  echo "linux: $(cat "$k/release") (Debian source $(cat "$k/source"), tinyconfig + harness/linux/config/{common,$arch}.config, .config sha256 $(cat "$k/config-hash"))"
  echo "strace: $(cat "$s/version") (Debian source, static; options -f -s 4096)"
  echo "musl: $(cat "$b/sysroot/.stamp" 2>/dev/null || echo unknown)"
  echo "busybox: $(cat "$b/busybox/.stamp" 2>/dev/null || echo unknown)"
  case $1 in *.glibc)
    local pkg=libc6-dev:amd64
    [ "$arch" = x86_64 ] || pkg=libc6-dev-$arch-cross
    echo "glibc: $(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null || echo unknown) (Debian $pkg, static)" ;;
  esac
  echo "qemu: $q"
}

# golden_record_test TEST: record one test; 0 on success
golden_record_test() {
  local t=$1 src i d nondet k
  src=${srcs[$t]}
  [ -n "$src" ] || { linux_step "$arch/$t: error: no $TC_DIR/$t.c or .sh"; return 1; }
  # this test's runs (the callees see this local too)
  local n capped=
  n=${nruns[$t]}
  [ "$n" -lt "$runs" ] && capped=" (its @golden-runs caps it at $n)"
  local runs=$n
  # a count that is not one would make the loops below run no time and pass
  [[ $runs =~ ^[1-9][0-9]*$ ]] || { linux_step "$arch/$t: error: no run count ('$runs', from GOLDEN_RUNS and @golden-runs)"; return 1; }
  [ "$mode" = verify ] || { nondet=$("$TESTMETA" get nondet "$src") || return 1; }
  if [ ! -f "$b/rootfs/tests/$t" ] && [ ! -f "$b/rootfs/tests/$t.sh" ]; then
    linux_step "$arch/$t: error: not in $b/rootfs/tests: run 'make testcases ARCH=$arch' (and check the test's @arches)"
    return 1
  fi
  for ((i = 1; i <= runs; i++)); do
    if [ -f "$work/$t/$i.failed" ] || [ ! -f "$work/$t/$i/$t.trace" ]; then
      sed 's/^/    /' "$work/$t/$i.failed" >&2 2>/dev/null
      linux_step "$arch/$t: error: run $i of $runs failed under Linux (a hang means the test blocks or the @timeout is too short)"
      return 1
    fi
  done
  golden_meta_check "$t" "$src" || return 1
  local wall
  wall=$(sed -n 's/^wall: //p' "$work/$t"/*/"$t.meta" | awk '{s += $1} END {printf "%.2f", s / NR}')

  local v found twins=0
  if [ "$mode" = verify ]; then
    # each run against the committed golden; a run byte for byte like the
    # one before it matched as that one did (most runs: Linux under -icount
    # repeats itself), so tracediff runs once per distinct run
    local bad=0 gv
    mapfile -t gv < <(golden_variants "$t")
    if [ ${#gv[@]} = 0 ]; then
      linux_step "$arch/$t: error: no golden/$arch/$t.trace: record it with 'make golden ARCH=$arch TEST=$t'"
      return 1
    fi
    for ((i = 1; i <= runs; i++)); do
      if [ "$i" -gt 1 ] && golden_twin "$work/$t/$((i - 1))/$t" "$work/$t/$i/$t"; then
        twins=$((twins + 1))
        continue
      fi
      found=0
      for v in "${gv[@]}"; do
        if golden_same "$v" "$work/$t/$i/$t" "$work/$t/verify.$i"; then found=1; break; fi
      done
      if [ $found = 0 ]; then
        bad=1
        linux_step "$arch/$t: DIVERGENCE: run $i differs from golden/$arch/$t (${#gv[@]} variant(s)):"
        head -n 30 "$work/$t/verify.$i" | sed 's/^/    /' >&2
        break
      fi
    done
    [ $bad = 0 ] && linux_step "$arch/$t: ok, $runs of $runs runs match golden ($wall s a run; $((runs - twins)) distinct)$capped"
    return $bad
  fi

  # distinct variants among the runs (a run byte for byte like the run
  # before it is that run's variant without a comparison)
  local variants=("$work/$t/1/$t")
  for ((i = 2; i <= runs; i++)); do
    golden_twin "$work/$t/$((i - 1))/$t" "$work/$t/$i/$t" && continue
    found=0
    for v in "${variants[@]}"; do
      if golden_same "$v" "$work/$t/$i/$t" "$work/$t/diff.$i"; then found=1; break; fi
    done
    [ $found = 1 ] || variants+=("$work/$t/$i/$t")
  done

  if [ ${#variants[@]} -gt 1 ] && [ -z "$nondet" ]; then
    linux_step "$arch/$t: error: unstable under Linux: ${#variants[@]} different results in $runs runs, and $src declares no @nondet; fix the test or mark it (first difference below, runs in $work/$t)"
    for ((i = 2; i <= runs; i++)); do
      [ -s "$work/$t/diff.$i" ] && { head -n 30 "$work/$t/diff.$i" | sed 's/^/    /' >&2; break; }
    done
    return 1
  fi

  # unchanged: the committed golden already holds exactly these variants
  local gv
  mapfile -t gv < <(golden_variants "$t")
  if [ "${GOLDEN_FORCE:-0}" != 1 ] && [ ${#gv[@]} = ${#variants[@]} ] && [ -f "$gdir/$t.meta" ]; then
    local all=1
    for v in "${variants[@]}"; do
      found=0
      for k in "${gv[@]}"; do golden_same "$k" "$v" /dev/null && { found=1; break; }; done
      [ $found = 1 ] || { all=0; break; }
    done
    if [ $all = 1 ]; then
      linux_step "$arch/$t: unchanged ($runs runs equal to golden/$arch/$t; GOLDEN_FORCE=1 rewrites)"
      return 0
    fi
  fi

  # write the new golden: .tmp files first, then rename them all
  local tmp=$gdir/.$t.tmp
  rm -rf "$tmp" && mkdir -p "$tmp"
  cp "${variants[0]}.trace" "$tmp/$t.trace"
  cp "${variants[0]}.out" "$tmp/$t.out"
  [ "$raw" = 1 ] && cp "${variants[0]}.raw" "$tmp/$t.raw"
  for ((k = 1; k < ${#variants[@]}; k++)); do
    cp "${variants[$k]}.trace" "$tmp/$t.alt$k.trace"
    cp "${variants[$k]}.out" "$tmp/$t.alt$k.out"
    [ "$raw" = 1 ] && cp "${variants[$k]}.raw" "$tmp/$t.alt$k.raw"
  done
  {
    grep -E '^(target|arch|test|result|exit|wall|batch):' "${variants[0]}.meta"
    golden_provenance "$t"
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "recorded-by: ${GOLDEN_CMD:-harness/linux/golden.sh record $arch $t}"
    echo "runs: $runs"
    if [ ${#variants[@]} = 1 ]; then
      echo "stable: all $runs runs equal after normalizing pids, addresses, times and task interleaving"
      echo "raw-traces: $(md5sum "$work/$t"/*/"$t.trace" | awk '{print $1}' | sort -u | wc -l) distinct in $runs runs (1: byte for byte the same)"
      [ "$raw" = 1 ] && echo "raw-golden: $t.raw, $(sed -n 's/^raw: //p' "${variants[0]}.meta"); $(md5sum "$work/$t"/*/"$t.raw" | awk '{print $1}' | sort -u | wc -l) distinct in $runs runs"
    else
      echo "stable: no, ${#variants[@]} variants in $runs runs, kept as $t.trace and $t.alt1..$((${#variants[@]} - 1)).{trace,out}"
    fi
    [ -n "$nondet" ] && printf '%s\n' "$nondet" | sed 's/^/nondet: /'
    sed -n 's/^command: //p' "${variants[0]}.meta" | sed "s|path=[^ ]*\.console|path=CONSOLE|; s|path=[^ ]*\.trace\.raw|path=TRACE|; s|$TOP/||g" | sed 's/^/command: /'
  } >"$tmp/$t.meta"
  rm -f "$gdir/$t".alt*.trace "$gdir/$t".alt*.out "$gdir/$t".alt*.raw
  for f in "$tmp"/*; do mv "$f" "$gdir/"; done
  rmdir "$tmp"
  linux_step "$arch/$t: recorded golden/$arch/$t.{trace,$([ "$raw" = 1 ] && echo raw,)out,meta} (${#variants[@]} variant(s) in $runs runs, $wall s a run)"
  return 0
}

# the target's console-noise, trimmed as harness/target.c trims it
case $target in */*|*.target) tfile=$target ;; *) tfile=$TOP/harness/targets/$target.target ;; esac
noise=$(sed -n 's/^[ \t]*console-noise[ \t]*:[ \t]*//p' "$tfile" | sed 's/[ \t\r]*$//' | tail -n1)
for t in "$@"; do rm -rf "${work:?}/$t"; mkdir -p "$work/$t"; done
# each test's source, @timeout and runs, read once for the boots and the
# comparisons (a process costs milliseconds here: not one a test a boot)
declare -A srcs tmo nruns
for t in "$@"; do
  golden_src "$t"; srcs[$t]=$REPLY
  tmo[$t]=$("$TESTMETA" get timeout "$REPLY" 2>/dev/null)
  nruns[$t]=$(golden_runs_of "$t")
done
rm -rf "$work/.batch"
t0=$(date +%s.%N)
golden_boot_all "$@"
linux_step "$arch: $runs runs of $# test(s) booted in $(printf '%.1f' "$(echo "$(date +%s.%N) - $t0" | bc -l)") s"
# the tests' comparisons, GOLDEN_JOBS at a time (each writes only its own
# files), their messages in the tests' order
failed=()
active=0
for t in "$@"; do
  if [ "$active" -ge "${GOLDEN_JOBS:-2}" ]; then wait -n; active=$((active - 1)); fi
  { golden_record_test "$t" >"$work/$t/record.log" 2>&1; echo $? >"$work/$t/record.rc"; } &
  active=$((active + 1))
done
wait
for t in "$@"; do
  cat "$work/$t/record.log" >&2
  rc=; read -r rc <"$work/$t/record.rc" 2>/dev/null
  [ "$rc" = 0 ] || failed+=("$t")
done
if [ ${#failed[@]} -gt 0 ]; then
  linux_fail "golden $mode $arch: ${#failed[@]} of $# test(s) failed: ${failed[*]} (the others are done)"
fi
if [ "$mode" = verify ]; then
  linux_step "golden verify $arch: no divergence in $# test(s), $runs runs each"
fi
exit 0
