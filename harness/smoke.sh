#!/usr/bin/env bash
# smoke.sh ARCH B TESTMETA FILE...: run the testcases without any kernel of ours.
#   x86_64:  each test in a chroot of B/rootfs on this machine's Linux.
#   riscv64: every program in B/rootfs must be a static riscv64 ELF (file(1)),
#            and each test runs under qemu-riscv64-static.
#   Both run in a fresh copy of the rootfs, with no descriptor but 0-2.
#   FILE... are the testcases to run (all of them, or those make's TEST names). qemu-user is never a reference (it lacks clone3): tests
#            that need clone3 say `@smoke: x86_64` in their metadata.
# A test passes when it exits with its @exit status within its @timeout and
# prints the text of every @expect line (grep -F, as golden.sh and `harness run --meta`).  Output: one TAP line per test.
# A pass is remembered in B/smoke-cache/NAME.ok under a key of the whole
# rootfs, this script, the runner and the test's source: while none of them
# changes (a kernel developer's loop), the test is not run again and its
# line says "(cached)".  SMOKE_CACHE=0 runs every test.
set -uo pipefail
arch=$1 B=$2 tm=$3
shift 3
root=$B/rootfs
[ -d "$root" ] || { echo "smoke: $root is missing: run 'make testcases ARCH=$arch'" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "smoke: chroot needs root" >&2; exit 2; }

chroot=$(PATH=$PATH:/usr/sbin:/sbin command -v chroot) || { echo "smoke: chroot not found (coreutils)" >&2; exit 2; }
# Each test runs in a session of its own, as on a target (golden's init leads it, our
# kernel's test runs in pid 1's): run from a pid namespace whose session leader
# is outside it (a CI sandbox), getsid(0) would otherwise return 0.
setsid=$(PATH=$PATH:/usr/sbin:/sbin command -v setsid) || { echo "smoke: setsid not found (util-linux)" >&2; exit 2; }
fail=0 n=0
runner=()
if [ "$arch" = riscv64 ]; then
	progs=()
	for f in "$root"/tests/* "$root/bin/busybox"; do
		case $f in *.argv|*.sh) continue ;; esac
		progs+=("$f")
	done
	# one file(1) for them all (its magic loads once), a line each, in order
	mapfile -t descs < <(file -b -- "${progs[@]}")
	for ((k = 0; k < ${#progs[@]}; k++)); do
		f=${progs[$k]} desc=${descs[$k]:-}
		n=$((n + 1))
		case $desc in
		*"ELF 64-bit LSB executable, UCB RISC-V"*"statically linked"*)
			echo "ok $n - riscv64 file ${f#$root}: static riscv64 ELF" ;;
		*)
			echo "not ok $n - riscv64 file ${f#$root}: $desc"
			fail=1 ;;
		esac
	done
	qemu=$(command -v qemu-riscv64-static) ||
		{ echo "smoke: qemu-riscv64-static not found: run 'make deps'" >&2; exit 2; }
	runner=(/qemu-riscv64-static)
elif [ "$arch" != x86_64 ]; then
	echo "smoke: unknown arch $arch" >&2
	exit 2
fi

# Tests write into their world: each worker runs in a fresh copy of the
# rootfs of its own, never in build/<arch>/rootfs itself.  SMOKE_JOBS
# workers (default: the cores) take every Nth test; the TAP lines come out
# in the tests' order.
src_root=$root
jobs=${SMOKE_JOBS:-$(nproc 2>/dev/null || echo 1)}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || jobs=1
mapfile -t names < <("$tm" list --smoke --arch "$arch" "$@")
res=$(mktemp -d)
trap 'rm -rf "$res"' EXIT

# test_src NAME: the source testmeta reads NAME by (DIR/NAME.glibc for a
# glibc build), from the table srcs (FILE... by their base names)
declare -A srcs=()
test_src() {
	local name=$1
	if [ "$name" != "${name%.glibc}" ]; then
		name=${srcs[${name%.glibc}]:-}
		[ "${name%.c}" != "$name" ] && echo "${name%.c}.glibc"
	else
		echo "${srcs[$name]:-}"
	fi
}

# keys: the cache key of each test's pass, the world's sum and its
# source's (a glibc build's: its .c), all sources summed by one sha256sum
declare -A keys_of=()
make_keys() {
	local f name sum w
	local -a paths=()
	read -r w _ <"$world"
	for f in "${files[@]}"; do paths+=("$f"); done
	while read -r sum f; do
		name=${f##*/}
		keys_of[${name%.*}]=$w:$sum
	done < <(sha256sum -- "${paths[@]}")
}

# cached I NAME KEY: 0 when NAME passed with KEY before ("ok (cached)" is
# its verdict then)
cached() {
	local had=
	[ "${SMOKE_CACHE:-1}" != 0 ] && [ "$3" != none ] && [ -f "$cache/$2.ok" ] &&
		read -r had <"$cache/$2.ok" && [ "$had" = "$3" ] &&
		echo "ok (cached)" >"$res/$1.tap"
}

# run_one I NAME ROOT KEY: test NAME in ROOT; its verdict ("ok"/"not ok" and
# the comment lines) into $res/I.tap, and KEY into the cache when it passed
run_one() {
	local i=$1 name=$2 root=$3 key=$4 src f timeout_s want_exit rc line out=$res/$1.out
	local -a argv missing=()
	src=$(test_src "$name")
	rm -f "$cache/$name.ok"
	mapfile -t argv < <("$tm" argv "$src")
	timeout_s=$("$tm" get timeout "$src")
	want_exit=$("$tm" get exit "$src")
	# each test starts with an empty /tmp, as on a target (NAME and NAME.glibc both make /tmp/NAME)
	find "$root/tmp" -mindepth 1 -delete
	# The test inherits no descriptor but 0-2 (make's jobserver pipes, for one).
	(cd "$root" && for fd in /proc/$BASHPID/fd/*; do
		fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done
	 exec env -i HOME=/ PATH=/bin:/tests TERM=linux \
		"$setsid" -w timeout -k 2 "$timeout_s" "$chroot" . "${runner[@]}" "${argv[@]}") >"$out" 2>&1 </dev/null
	rc=$?
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		grep -qF -- "$line" "$out" || missing+=("$line")
	done < <("$tm" get expect "$src")
	{
		if [ "$rc" = "$want_exit" ] && [ ${#missing[@]} = 0 ]; then
			echo "ok"
			[ "$key" = none ] || echo "$key" >"$cache/$name.ok"
		else
			echo "not ok"
			[ "$rc" = "$want_exit" ] || echo "  # exit status $rc, expected $want_exit$([ "$rc" = 124 ] && echo " (timed out after ${timeout_s}s)")"
			for m in "${missing[@]}"; do echo "  # missing line: $m"; done
			sed 's/^/  # output: /' "$out" | head -20
		fi
	} >"$res/$i.tap"
	rm -f "$out"
}

# worker W: its own copy of the rootfs, tests W, W+jobs, ...
worker() {
	local w=$1 root=$B/.smoke-root.$1 i
	local -a todo=() keys=()
	for ((i = w; i < ${#names[@]}; i += jobs)); do
		keys[$i]=${keys_of[${names[$i]%.glibc}]:-none}
		cached "$i" "${names[$i]}" "${keys[$i]}" || todo+=("$i")
	done
	[ ${#todo[@]} -gt 0 ] || return 0
	rm -rf "$root"
	cp -a "$src_root" "$root"
	[ ${#runner[@]} = 0 ] || cp "$qemu" "$root/qemu-riscv64-static"
	for i in "${todo[@]}"; do
		run_one "$i" "${names[$i]}" "$root" "${keys[$i]}"
	done
	rm -rf "$root"
}

files=("$@")
# the key of everything but the test's own source: the rootfs's paths,
# modes and contents, this script and the runner
cache=$B/smoke-cache
mkdir -p "$cache"
world=$res/world
{ (cd "$src_root" && find . -printf '%p %m %l\n' | LC_ALL=C sort &&
   find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
  sha256sum "$0" ${qemu:+"$qemu"}; } | sha256sum >"$world"
for f in "${files[@]}"; do
	b=${f##*/}
	srcs[${b%.*}]=$f
done
make_keys
for ((w = 0; w < jobs; w++)); do
	worker "$w" &
done
wait
for ((i = 0; i < ${#names[@]}; i++)); do
	n=$((n + 1))
	if [ ! -s "$res/$i.tap" ]; then
		fail=1
		echo "not ok $n - $arch ${names[$i]}"
		echo "  # no verdict (its worker died)"
		continue
	fi
	IFS= read -r verdict <"$res/$i.tap"
	[ "$verdict" = "not ok" ] && fail=1
	case $verdict in
	*"(cached)") echo "${verdict% (cached)} $n - $arch ${names[$i]} (cached)" ;;
	*) echo "$verdict $n - $arch ${names[$i]}" ;;
	esac
	tail -n +2 "$res/$i.tap"
done
echo "1..$n"
exit $fail
