#!/bin/bash
# ci/tests/harness_faults.sh: the harness's guarantees under faults, with fake
# QEMUs in target files of a scratch directory (nothing is booted):
#   - a target `name:` that is a path is refused, nothing written outside;
#   - a QEMU binary that does not exist is a setup error (exit 2);
#   - a descendant that calls setsid does not outlive the run;
#   - SIGINT during prepare and during a boot stops at once with exit 130,
#     its processes killed and no run file half-written, and Ctrl-C stops the
#     script that runs the harness too;
#   - a panic that keeps the machine running ends the run at once, and
#     check's TAP line names the run class (panic);
#   - QEMU's own log is capped by --max-bytes;
#   - a kernel that stays up after the test's exit line is stopped with
#     exit-grace (a normal end), and is a hang at the timeout without it;
#   - a batch boot (batch:) is cut into each test's run files at the
#     markers; a test that hangs in a batch boots again alone, and those
#     after it boot again; a test that diverges in a batch only is checked
#     alone and passes.
# Usage: bash ci/tests/harness_faults.sh [BUILD_DIR]   (from the checkout's top)
set -u
B=${1:-build}
H=$B/host/harness
TD=$B/host/tracediff
tmp=$(mktemp -d /tmp/harness_faults.XXXXXX)
fails=0
cleanup() { kill $(cat "$tmp"/*.pid 2>/dev/null) 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 1' INT TERM

ok()   { echo "ok - $1"; }
fail() { echo "not ok - $1"; fails=$((fails + 1)); }
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null && ! grep -q '^State:.*Z' /proc/"$1"/status 2>/dev/null; }

[ -x "$H" ] || { echo "$0: build the harness first (make harness)" >&2; exit 2; }

# fake QEMU: fakeqemu MODE TRACE CONSOLE
cat > "$tmp/fakeqemu" <<'EOF'
#!/bin/sh
mode=$1 trace=$2 console=$3 dir=$(dirname "$0")
case $mode in
setsid)
	setsid sh -c "echo \$\$ > '$dir/setsid.pid'; exec sleep 300" </dev/null >/dev/null 2>&1 &
	sleep 0.2
	printf '#tdiff boot fake x86_64 0.1\n#tdiff exit exited 0\n#tdiff poweroff\n' > "$trace"
	: > "$console" ;;
sleep)
	echo $$ > "$dir/boot.pid"
	printf '#tdiff boot fake x86_64 0.1\n' > "$trace"
	exec sleep 300 ;;
panic)
	printf '#tdiff boot fake x86_64 0.1\n1 getpid() = 1\n#tdiff panic: page fault in kernel at 0x0\n' > "$trace"
	: > "$console"
	exec sleep 300 ;;
loud)
	exec yes "qemu: a warning on stderr" ;;
cut)	# one UART; the machine stays up and is stopped in the middle of a record
	printf 'boot\n#tdiff start fork\n#tdiff sys 1 39 0 0 0 0 0 0 = 1\n#tdiff exit exited 0\n#tdiff sys 1 6' > "$console"
	exec sleep 300 ;;
batch|batchhang|batchodd|batchslow)	# $4: the tests, a,b,c: each one framed as a boot of its own
	echo boot >> "$dir/boots"
	: > "$trace"
	echo firmware > "$console"
	call='close(3)                          = 0'
	case $mode,$4 in batchodd,*,*) call='close(3)                          = -1 EBADF (Bad file descriptor)' ;; esac
	for t in $(echo "$4" | tr , ' '); do
		printf '#tdiff boot fake x86_64 0.1\n#tdiff start %s\n' "$t" >> "$trace"
		printf '#tdiff start %s\n' "$t" >> "$console"
		[ $mode = batchhang ] && [ "$t" = sys_getpid ] && exec sleep 300
		printf '1     %s\n#tdiff exit exited 0\n#tdiff poweroff\n' "$call" >> "$trace"
		printf 'output of %s\n#tdiff exit exited 0\n' "$t" >> "$console"
		[ $mode = batchslow ] && sleep 1.5	# a slow warm restart
	done
	[ $mode = batchslow ] && exec sleep 300	# and no power-off
	exit 0 ;;
stay)	# the test ran and ended, the kernel never powers off
	printf '#tdiff boot fake x86_64 0.1\n#tdiff start fork\n#tdiff exit exited 0\n' > "$trace"
	printf 'boot\n#tdiff start fork\n#tdiff exit exited 0\n' > "$console"
	exec sleep 300 ;;
esac
EOF
chmod +x "$tmp/fakeqemu"

target() {	# target FILE NAME QEMU-WORDS [PREPARE]
	{ echo "name: $2"; echo "qemu.x86_64: $3"; [ -n "${4:-}" ] && echo "prepare: $4"; } > "$tmp/$1.target"
}
run() {	# run TARGET [OPTS...]: harness run of the test fork, output in $tmp/out
	"$H" run --target "$tmp/$1.target" --arch x86_64 --out "$tmp/runs" "${@:2}" fork \
		> "$tmp/out" 2>&1
}

# 1. a name that is a path
target evil ../../../golden/x86_64 "$tmp/fakeqemu setsid {trace} {console}"
before=$(ls -l golden/x86_64 2>/dev/null | md5sum)
run evil; rc=$?
if [ $rc = 2 ] && grep -q "is not one word" "$tmp/out" &&
   [ "$(ls -l golden/x86_64 2>/dev/null | md5sum)" = "$before" ]; then
	ok "a target name that is a path is refused (exit 2), golden untouched"
else
	fail "a target name that is a path: exit $rc: $(head -c 300 "$tmp/out")"
fi

# 2. no such QEMU
target missing missing "$tmp/no-such-qemu-system-x86_64 {trace}"
run missing; rc=$?
[ $rc = 2 ] && ok "a missing QEMU binary is a setup error (exit 2)" ||
	fail "a missing QEMU binary: exit $rc, not 2"

# 3. a setsid descendant
target sid sid "$tmp/fakeqemu setsid {trace} {console}"
run sid; rc=$?
sleep 0.2
pid=$(cat "$tmp/setsid.pid" 2>/dev/null)
if [ -z "$pid" ]; then
	fail "setsid: the fake QEMU did not start its sleeper (exit $rc)"
elif alive "$pid"; then
	fail "a setsid descendant of QEMU outlived the run (pid $pid)"
else
	ok "a setsid descendant of QEMU is killed and reaped (run exit $rc)"
fi

# 4. SIGINT during prepare
target prep prep "$tmp/fakeqemu setsid {trace} {console}" "echo \$\$ > $tmp/prep.pid; exec sleep 300"
rm -f "$tmp/prep.pid"
"$H" run --target "$tmp/prep.target" --arch x86_64 --out "$tmp/runs" fork > "$tmp/out" 2>&1 &
hp=$!
for _ in $(seq 100); do [ -s "$tmp/prep.pid" ] && break; sleep 0.05; done
t0=$(date +%s.%N)
kill -INT $hp
wait $hp; rc=$?
t=$(echo "$(date +%s.%N) - $t0" | bc)
sleep 0.1
if [ $rc = 130 ] && ! alive "$(cat "$tmp/prep.pid")" && [ "$(echo "$t < 3" | bc)" = 1 ]; then
	ok "SIGINT during prepare: exit 130 in ${t}s, prepare killed"
else
	fail "SIGINT during prepare: exit $rc after ${t}s, prepare $(alive "$(cat "$tmp/prep.pid")" && echo alive || echo gone)"
fi

# 5. SIGINT during a boot
target boot boot "$tmp/fakeqemu sleep {trace} {console}"
rm -rf "$tmp/runs" "$tmp/boot.pid"
"$H" run --target "$tmp/boot.target" --arch x86_64 --out "$tmp/runs" fork > "$tmp/out" 2>&1 &
hp=$!
for _ in $(seq 100); do [ -s "$tmp/boot.pid" ] && break; sleep 0.05; done
kill -INT $hp
wait $hp; rc=$?
sleep 0.1
if [ $rc = 130 ] && ! alive "$(cat "$tmp/boot.pid")" && [ ! -e "$tmp/runs/fork.trace" ] &&
   [ ! -e "$tmp/runs/fork.meta" ] && grep -q "interrupted" "$tmp/out"; then
	ok "SIGINT during a boot: exit 130, QEMU killed, no run file written"
else
	fail "SIGINT during a boot: exit $rc; $(ls "$tmp/runs" 2>/dev/null | tr '\n' ' '); $(head -c 300 "$tmp/out")"
fi

# 5b. Ctrl-C (SIGINT to the whole foreground group): a script that runs the
# harness stops too, as make golden must (a harness that merely exited 130
# would let the shell go on to its next command)
rm -f "$tmp/boot.pid" "$tmp/went-on"
# (a background job of a script starts with SIGINT ignored: python restores it)
setsid python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp("bash", sys.argv[1:])' \
	bash -c "'$H' run --target '$tmp/boot.target' --arch x86_64 --out '$tmp/runs' fork >/dev/null 2>&1; echo yes > '$tmp/went-on'" &
sp=$!
for _ in $(seq 100); do [ -s "$tmp/boot.pid" ] && break; sleep 0.05; done
kill -INT -- -$sp
wait $sp; rc=$?
if [ $rc = 130 ] && [ ! -e "$tmp/went-on" ]; then
	ok "Ctrl-C during a boot stops the script that runs the harness (exit 130)"
else
	fail "Ctrl-C during a boot: the script went on (exit $rc)"
fi

# 6. a panic that keeps running; check's TAP line says panic
target pan pan "$tmp/fakeqemu panic {trace} {console}"
t0=$(date +%s)
run pan; rc=$?
t=$(( $(date +%s) - t0 ))
if [ $rc = 1 ] && [ $t -lt 8 ] && grep -q "fork: panic" "$tmp/out"; then
	ok "a panic that keeps the machine running ends the run in ${t}s (timeout 10s)"
else
	fail "a running panic: exit $rc after ${t}s: $(head -c 300 "$tmp/out")"
fi
if [ -x "$TD" ]; then
	"$H" check --target "$tmp/pan.target" --arch x86_64 --out "$tmp/runs" \
		--reports "$tmp/reports" --tracediff "$TD" fork > "$tmp/out" 2>&1
	if grep -q "^not ok 1 - x86_64 fork: panic: #tdiff panic" "$tmp/out"; then
		ok "check's TAP line names the run class (panic)"
	else
		fail "check's TAP line: $(grep 'ok 1' "$tmp/out")"
	fi
fi

# 7. QEMU's log is capped
target loud loud "$tmp/fakeqemu loud {trace} {console}"
run loud --max-bytes 100000; rc=$?
size=$(stat -c %s "$tmp/runs/fork.log" 2>/dev/null || echo 0)
if grep -q "fork: garbage" "$tmp/out" && [ "$size" -lt 10000000 ]; then
	ok "QEMU's log is capped ($size bytes with --max-bytes 100000)"
else
	fail "QEMU's log: $size bytes: $(head -c 300 "$tmp/out")"
fi

# 8. a kernel that does not power off after the test: with exit-grace the
# run ends that long after its streams went quiet, as a normal end; without
# it the timeout decides (hang)
target stay stay "$tmp/fakeqemu stay {trace} {console}"
echo "exit-grace: 1" >> "$tmp/stay.target"
t0=$(date +%s)
run stay; rc=$?
t=$(( $(date +%s) - t0 ))
if [ $rc = 0 ] && [ $t -lt 5 ] && grep -q "fork: ok (exit: exited 0)" "$tmp/out" &&
   grep -q "^end: no power-off" "$tmp/runs/fork.meta"; then
	ok "exit-grace: a kernel that stays up after the test's exit line is stopped in ${t}s, a normal end"
else
	fail "exit-grace: exit $rc after ${t}s: $(head -c 300 "$tmp/out")"
fi
target stay stay "$tmp/fakeqemu stay {trace} {console}"
run stay --timeout-scale 0.2; rc=$?
if [ $rc = 1 ] && grep -q "fork: hang" "$tmp/out"; then
	ok "without exit-grace the same kernel is a hang at the timeout"
else
	fail "no exit-grace: exit $rc: $(head -c 300 "$tmp/out")"
fi

# 9. a raw record cut by the machine's stop is left out, not an unparsable line
target cut cut "$tmp/fakeqemu cut {trace} {console}"
printf 'trace: console\nexit-grace: 1\n' >> "$tmp/cut.target"
run cut; rc=$?
if [ $rc = 0 ] && ! grep -q '#tdiff sys 1 6' "$tmp/runs/fork.trace" && grep -q '= 1$' "$tmp/runs/fork.trace" &&
   grep -q "^trace: its last record had no end" "$tmp/runs/fork.meta"; then
	ok "a raw record the machine stopped in is left out of the trace (and said in .meta)"
else
	fail "cut record: exit $rc: $(cat "$tmp/runs/fork.trace" "$tmp/runs/fork.meta" 2>&1 | head -c 400)"
fi

# 10. batches: three tests in one boot, each cut out whole
target bat bat "$tmp/fakeqemu batch {trace} {console} {test}"
echo "batch: 3" >> "$tmp/bat.target"
rm -rf "$tmp/runs" "$tmp/boots"
"$H" run --target "$tmp/bat.target" --arch x86_64 --out "$tmp/runs" -j 1 fork sys_getpid bb_echo \
	> "$tmp/out" 2>&1; rc=$?
r=$tmp/runs
if [ $rc = 0 ] && [ "$(wc -l < "$tmp/boots")" = 1 ] &&
   [ "$(grep -c . "$r/sys_getpid.trace")" = 5 ] && grep -q '^#tdiff start sys_getpid$' "$r/sys_getpid.trace" &&
   ! grep -q 'start fork\|start bb_echo' "$r/sys_getpid.trace" &&
   [ "$(cat "$r/bb_echo.out")" = "output of bb_echo" ] &&
   grep -q '^batch: test 2 of 3 in one boot' "$r/sys_getpid.meta" && [ ! -e "$r/fork.batch.trace.raw" ]; then
	ok "a batch boot of 3 tests is cut into each test's run files at the markers"
else
	fail "batch: exit $rc, $(cat "$tmp/boots" 2>/dev/null | wc -l) boots: $(head -c 300 "$tmp/out"; cat "$r/sys_getpid.trace")"
fi
# a test that hangs in a batch: the ones before it keep their part, it boots
# alone (its hang is its own boot's), the ones after it boot again
target bath bath "$tmp/fakeqemu batchhang {trace} {console} {test}"
echo "batch: 4" >> "$tmp/bath.target"
rm -rf "$tmp/runs" "$tmp/boots"
"$H" run --target "$tmp/bath.target" --arch x86_64 --out "$tmp/runs" -j 1 --timeout-scale 0.05 \
	fork sys_getpid bb_echo bb_cat > "$tmp/out" 2>&1; rc=$?
if [ $rc = 1 ] && [ "$(wc -l < "$tmp/boots")" = 3 ] && grep -q "sys_getpid: hang" "$tmp/out" &&
   grep -q "^ok .*fork: ok" "$tmp/out" && grep -q "^ok .*bb_cat: ok" "$tmp/out" &&
   grep -q '^batch: test 1 of 4' "$r/fork.meta" && ! grep -q '^batch:' "$r/sys_getpid.meta" &&
   grep -q '^batch: test 2 of 2' "$r/bb_cat.meta"; then
	ok "a test that hangs in a batch boots again alone; the tests after it boot again"
else
	fail "batch hang: exit $rc, $(cat "$tmp/boots" 2>/dev/null | wc -l) boots: $(head -c 600 "$tmp/out")"
fi
# exit-grace in a batch: a restart quiet longer than the grace is not the end;
# the last test's exit is
target bats bats "$tmp/fakeqemu batchslow {trace} {console} {test}"
printf 'batch: 2\nexit-grace: 1\n' >> "$tmp/bats.target"
rm -rf "$tmp/runs" "$tmp/boots"
"$H" run --target "$tmp/bats.target" --arch x86_64 --out "$tmp/runs" -j 1 fork sys_getpid \
	> "$tmp/out" 2>&1; rc=$?
if [ $rc = 0 ] && [ "$(wc -l < "$tmp/boots")" = 1 ] && grep -q '^batch: test 2 of 2' "$r/sys_getpid.meta" &&
   grep -q "^end: no power-off" "$r/sys_getpid.meta"; then
	ok "exit-grace in a batch waits for the last test's exit, not the first's"
else
	fail "batch exit-grace: exit $rc, $(cat "$tmp/boots" 2>/dev/null | wc -l) boots: $(head -c 600 "$tmp/out")"
fi
# a divergence seen only in a batch: check boots the test alone, which decides
if [ -x "$TD" ]; then
	mkdir -p "$tmp/golden"
	"$H" run --target "$tmp/bat.target" --arch x86_64 --out "$tmp/gold" --batch 1 fork sys_getpid >/dev/null 2>&1
	for t in fork sys_getpid; do cp "$tmp/gold/$t.trace" "$tmp/gold/$t.out" "$tmp/golden/"; done
	target bato bato "$tmp/fakeqemu batchodd {trace} {console} {test}"
	echo "batch: 2" >> "$tmp/bato.target"
	rm -rf "$tmp/runs" "$tmp/boots"
	"$H" check --target "$tmp/bato.target" --arch x86_64 --out "$tmp/runs" -j 1 --golden "$tmp/golden" \
		--reports "$tmp/reports" --tracediff "$TD" fork sys_getpid > "$tmp/out" 2>&1; rc=$?
	if [ $rc = 0 ] && [ "$(wc -l < "$tmp/boots")" = 3 ] && grep -q "^ok 1 - x86_64 fork" "$tmp/out" &&
	   grep -q "fork diverged in a batch boot but not alone" "$tmp/out" && ! grep -q '^batch:' "$r/fork.meta"; then
		ok "check boots a test that diverged in a batch alone, and its own boot decides"
	else
		fail "batch divergence: exit $rc, $(cat "$tmp/boots" 2>/dev/null | wc -l) boots: $(head -c 600 "$tmp/out")"
	fi
fi

echo "harness_faults: $fails failed"
[ $fails = 0 ]
