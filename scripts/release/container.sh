#!/usr/bin/env bash
# Builds the sec08 container image (scripts/release/Containerfile) around the native binary, then smoke-tests it
# with a read-only root file system.
#
#   scripts/release/container.sh [BINARY]   (default: out/release/sec08-<rid>/sec08, as publish-aot.sh leaves it;
#                                            built first when missing)
#   -> image localhost/sec08:<version> (and :latest), also saved as out/release/sec08-<version>-image-<rid>.tar (OCI archive,
#      `podman load -i` or `docker load -i` it)
#
# The image is FROM scratch: the binary, the C library and OpenSSL libraries it loads, the CA certificates and an
# unprivileged user, taken from this machine (the one that built the binary, so the libraries match it). It uses
# podman (installed with apt-get when neither podman nor docker is there; SEC08_CONTAINER_ENGINE=docker to choose).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

RID="$(host_rid)"
[[ "$RID" == linux-* ]] || { echo "the image is for Linux; run this on Linux" >&2; exit 1; }
VERSION="$(release_version)"
BINARY="${1:-$OUT/sec08-$RID/sec08}"
[ -x "$BINARY" ] || "$ROOT/scripts/release/publish-aot.sh" "$RID" >/dev/null
BINARY="$(cd "$(dirname "$BINARY")" && pwd)/$(basename "$BINARY")"
IMAGE="localhost/sec08:$VERSION"
ARCHIVE="$OUT/sec08-$VERSION-image-$RID.tar"

ENGINE="${SEC08_CONTAINER_ENGINE:-}"
if [ -z "$ENGINE" ]; then
    if command -v podman >/dev/null; then ENGINE=podman
    elif command -v docker >/dev/null && docker info >/dev/null 2>&1; then ENGINE=docker
    else apt_install podman runc; ENGINE=podman
    fi
fi
ENGINE_CMD=("$ENGINE")
# Where podman's default storage (overlay) cannot work, vfs does (it copies layers; this image has one, small).
if [ "$ENGINE" = podman ] && ! podman info >/dev/null 2>&1; then
    ENGINE_CMD+=(--storage-driver vfs)
fi

# --- stage the root file system --------------------------------------------------------------------------------
STAGE="$OUT/container-$RID"
rm -rf "$STAGE" && mkdir -p "$STAGE/rootfs"
ROOTFS="$STAGE/rootfs"
cp "$ROOT/scripts/release/Containerfile" "$STAGE/Containerfile"
install -D -m 0755 "$BINARY" "$ROOTFS/usr/local/bin/sec08"

# Copies a file to the same path in the image, following symbolic links (the image gets the real content).
add() { install -D -m "$2" "$(readlink -f "$1")" "$ROOTFS$1"; }
# The libraries the binary links against, as the dynamic loader resolves them here.
for lib in $(ldd "$BINARY" | awk '/=>/ { print $3 } /^\t\/.*ld-linux/ { print $1 }'); do
    add "$lib" 0755
done
# OpenSSL, which .NET loads by name (not linked) for TLS: libssl.so.3, or libssl.so.1.1 on older systems.
for name in libssl.so.3 libcrypto.so.3 libssl.so.1.1 libcrypto.so.1.1; do
    path="$(ldconfig -p | awk -v n="$name" '$1 == n && /x86-64|AArch64/ { print $NF; exit }')"
    [ -n "$path" ] && add "$path" 0755
done
[ -n "$(find "$ROOTFS" -name 'libssl.so.*' -print -quit)" ] || { echo "OpenSSL (libssl) not found on this machine: apt-get install libssl3" >&2; exit 1; }
[ -f /etc/ssl/certs/ca-certificates.crt ] || apt_install ca-certificates
add /etc/ssl/certs/ca-certificates.crt 0644
printf 'root:x:0:0:root:/root:/sbin/nologin\nsec08:x:10001:10001:sec08:/home/sec08:/sbin/nologin\n' >"$ROOTFS/etc/passwd"
printf 'root:x:0:\nsec08:x:10001:\n' >"$ROOTFS/etc/group"
install -d -m 0755 -o 10001 -g 10001 "$ROOTFS/home/sec08"
install -d -m 0755 "$ROOTFS/work"
install -d -m 1777 "$ROOTFS/tmp"
echo "staged $(find "$ROOTFS" -type f | wc -l) files, $(du -sh "$ROOTFS" | cut -f1):" >&2
(cd "$ROOTFS" && find . -type f | sort | sed 's#^\.#  #') >&2

# --- build ----------------------------------------------------------------------------------------------------
echo "building $IMAGE with $ENGINE ..." >&2
"${ENGINE_CMD[@]}" build --build-arg VERSION="$VERSION" -t "$IMAGE" -t localhost/sec08:latest -f "$STAGE/Containerfile" "$STAGE" >"$OUT/container-build.log" 2>&1 \
    || { cat "$OUT/container-build.log" >&2; exit 1; }
rm -f "$ARCHIVE"
if [ "$ENGINE" = podman ]; then
    "${ENGINE_CMD[@]}" save --format oci-archive -o "$ARCHIVE" "$IMAGE" >/dev/null
else
    "${ENGINE_CMD[@]}" save -o "$ARCHIVE" "$IMAGE"
fi

# --- smoke test -----------------------------------------------------------------------------------------------
RUN=(run --rm --read-only)
# Some sandboxes forbid the runtime to raise resource limits or to use cgroups the way crun does; there, use runc
# and this process's own limits.
if ! "${ENGINE_CMD[@]}" "${RUN[@]}" "$IMAGE" --version >/dev/null 2>"$STAGE/run.err"; then
    if [ "$ENGINE" = podman ] && grep -q -E "rlimit|cgroup" "$STAGE/run.err"; then
        command -v runc >/dev/null || apt_install runc
        nproc=$(ulimit -u); [ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ] && nproc=32768
        ENGINE_CMD+=(--runtime runc)
        RUN+=(--ulimit "nofile=$(ulimit -n):$(ulimit -n)" --ulimit "nproc=$nproc:$nproc")
        echo "note: the container runtime cannot set resource limits here ($(head -1 "$STAGE/run.err")); running with runc and this shell's limits" >&2
    else
        cat "$STAGE/run.err" >&2
        exit 1
    fi
fi

passed=0
failed=0
result() {
    if [ "$1" = ok ]; then passed=$((passed + 1)); echo "ok   $2"; else failed=$((failed + 1)); echo "FAIL $2: $1"; fi
}
in_image() { "${ENGINE_CMD[@]}" "${RUN[@]}" "$@"; }

expected="$("$BINARY" --version)"
actual="$(in_image "$IMAGE" --version 2>&1 || true)"
[ "$actual" = "$expected" ] && result ok "--version: $actual" || result "got '$actual', expected '$expected'" "--version"

user="$("${ENGINE_CMD[@]}" image inspect --format '{{.Config.User}}' "$IMAGE")"
[ "$user" = "10001:10001" ] && result ok "runs as user $user" || result "user is '$user'" "runs as a non-root user"

# The README's main command, the repository mounted read-only: the same output and exit code as the binary.
set +e
(cd "$ROOT" && "$BINARY" eval --policy policies --input examples) >"$STAGE/native.txt" 2>&1
native_exit=$?
in_image -v "$ROOT:/work:ro" "$IMAGE" eval --policy policies --input examples >"$STAGE/image.txt" 2>&1
image_exit=$?
set -e
if [ "$image_exit" = "$native_exit" ] && cmp -s "$STAGE/native.txt" "$STAGE/image.txt"; then
    result ok "README: eval --policy policies --input examples (exit $image_exit, same output as the binary)"
else
    result "exit $image_exit (binary: $native_exit); $(diff "$STAGE/native.txt" "$STAGE/image.txt" | head -3 | tr '\n' ' ')" "README: eval"
fi

# Reports go to a mounted folder the user may write to; a folder only root may write to is refused (non-root).
mkdir -p "$STAGE/reports" "$STAGE/locked"
chmod 0777 "$STAGE/reports"
chmod 0755 "$STAGE/locked"
set +e
in_image -v "$ROOT:/work:ro" -v "$STAGE/reports:/reports" "$IMAGE" eval --policy policies --input examples --format sarif -o /reports/report.sarif >/dev/null 2>&1
sarif_exit=$?
(cd "$ROOT" && "$BINARY" eval --policy policies --input examples --format sarif) >"$STAGE/native.sarif" 2>/dev/null
in_image -v "$ROOT:/work:ro" -v "$STAGE/locked:/reports" "$IMAGE" eval --policy policies --input examples --format sarif -o /reports/report.sarif >/dev/null 2>"$STAGE/locked.err"
locked_exit=$?
set -e
[ "$sarif_exit" = 1 ] && cmp -s "$STAGE/reports/report.sarif" "$STAGE/native.sarif" \
    && result ok "eval -o /reports/report.sarif writes the same SARIF as the binary" \
    || result "exit $sarif_exit" "eval -o to a mounted folder"
[ "$locked_exit" = 3 ] && [ ! -e "$STAGE/locked/report.sarif" ] \
    && result ok "a folder only root may write to is refused (exit 3: $(head -1 "$STAGE/locked.err" | cut -c1-80))" \
    || result "exit $locked_exit" "the image does not run as root"

# HTTPS: OpenSSL loads and verifies certificates. A loopback TLS server with a self-signed certificate is refused
# (untrusted), and accepted once its certificate is the trusted bundle (the request then fails on the reply, which
# is not AWS's).
if command -v openssl >/dev/null; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
        -keyout "$STAGE/tls.key" -out "$STAGE/tls.crt" >/dev/null 2>&1
    chmod 0644 "$STAGE/tls.key" "$STAGE/tls.crt"
    port=$((20000 + RANDOM % 20000))
    openssl s_server -quiet -accept "127.0.0.1:$port" -cert "$STAGE/tls.crt" -key "$STAGE/tls.key" -www >/dev/null 2>&1 &
    tls_server=$!
    sleep 1
    collect=(collect --region eu-west-1 --endpoint-url "https://127.0.0.1:$port" --timeout 5 --retries 0 -o /tmp/inventory.json)
    aws_env=(-e AWS_ACCESS_KEY_ID=AKIDSMOKETEST -e AWS_SECRET_ACCESS_KEY=smoke-test)
    set +e
    in_image --network host "${aws_env[@]}" "$IMAGE" "${collect[@]}" >"$STAGE/tls-untrusted.txt" 2>&1
    in_image --network host "${aws_env[@]}" -v "$STAGE/tls.crt:/certs/tls.crt:ro" -e SSL_CERT_FILE=/certs/tls.crt "$IMAGE" "${collect[@]}" >"$STAGE/tls-trusted.txt" 2>&1
    set -e
    kill "$tls_server" 2>/dev/null || true
    if grep -q -i -E "ssl|certificate" "$STAGE/tls-untrusted.txt" && ! grep -q -i -E "ssl|certificate|libssl|crypto" "$STAGE/tls-trusted.txt"; then
        result ok "HTTPS: an untrusted certificate is refused, a trusted one accepted"
    else
        result "untrusted: $(grep -m1 -i -E 'error|exception' "$STAGE/tls-untrusted.txt" | cut -c1-120); trusted: $(grep -m1 -i -E 'error|exception' "$STAGE/tls-trusted.txt" | cut -c1-120)" "HTTPS from the image"
    fi
fi

size="$("${ENGINE_CMD[@]}" image inspect --format '{{.Size}}' "$IMAGE")"
echo "image $IMAGE: $((size / 1048576)) MB; saved to $ARCHIVE"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
