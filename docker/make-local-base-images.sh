#!/usr/bin/env bash
# Makes the two base images docker/Dockerfile needs, on a machine that has podman and buildah
# but cannot pull from a registry (no network but Debian's package mirror), from Debian's
# packages and the Swift toolchain already installed on the machine:
#
#   localhost/debian:bookworm-slim         debootstrap --variant=minbase (~40 s, 204 MB)
#   localhost/swift:<version>-bookworm-local   that + the toolchain's apt dependencies + a copy of
#                                          SWIFT_DIR (default /opt/swift; ~4.4 GB)
#
# Then build with them (see the README, "Container"):
#   docker/smoke-test.sh                 # picks these images up when they exist
#
# Runs as root. Idempotent: an image that already exists is kept (FORCE=1 makes it again).
# Needs: podman buildah debootstrap (apt-get install -y podman buildah debootstrap runc).
set -euo pipefail

SWIFT_DIR=${SWIFT_DIR:-/opt/swift}
SUITE=${SUITE:-bookworm}
DEBIAN_IMAGE=${DEBIAN_IMAGE:-localhost/debian:$SUITE-slim}
swift_version=$("$SWIFT_DIR/usr/bin/swift" --version 2>/dev/null | sed -n 's/.*Swift version \([0-9.]*\).*/\1/p' | head -1)
[ -n "$swift_version" ] || { echo "make-local-base-images: no Swift toolchain at $SWIFT_DIR" >&2; exit 1; }
SWIFT_IMAGE=${SWIFT_IMAGE:-localhost/swift:$swift_version-$SUITE-local}

for tool in podman buildah debootstrap; do
  command -v "$tool" >/dev/null || { echo "make-local-base-images: $tool is missing (apt-get install -y podman buildah debootstrap runc)" >&2; exit 1; }
done

exists() { [ "${FORCE:-0}" != 1 ] && podman image exists "$1"; }

if exists "$DEBIAN_IMAGE"; then
  echo "make-local-base-images: $DEBIAN_IMAGE exists"
else
  rootfs=$(mktemp -d /tmp/qtest-rootfs.XXXXXX)
  trap 'rm -rf "$rootfs"' EXIT
  echo "make-local-base-images: debootstrap $SUITE into $rootfs"
  debootstrap --variant=minbase "$SUITE" "$rootfs" >/dev/null
  tar -C "$rootfs" -c . | podman import --change 'CMD ["bash"]' - "$DEBIAN_IMAGE" >/dev/null
  rm -rf "$rootfs"
  trap - EXIT
  echo "make-local-base-images: made $DEBIAN_IMAGE"
fi

if exists "$SWIFT_IMAGE"; then
  echo "make-local-base-images: $SWIFT_IMAGE exists"
else
  # What the official swift:*-bookworm images install, plus libsqlite3-dev for GRDB.
  packages="binutils git gnupg2 libc6-dev libcurl4-openssl-dev libedit2 libgcc-12-dev libpython3-dev
            libsqlite3-0 libsqlite3-dev libstdc++-12-dev libxml2-dev libz3-dev pkg-config tzdata zlib1g-dev libncurses6"
  container=$(buildah from "$DEBIAN_IMAGE")
  trap 'buildah rm "$container" >/dev/null 2>&1 || true' EXIT
  buildah run --network host "$container" -- sh -c \
    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(echo $packages) >/dev/null && rm -rf /var/lib/apt/lists/*"
  mount=$(buildah mount "$container")
  echo "make-local-base-images: copying $SWIFT_DIR into the image"
  mkdir -p "$mount/opt"
  cp -a "$SWIFT_DIR" "$mount/opt/swift"
  buildah umount "$container" >/dev/null
  # Where packages come from: this machine's git may read GitHub URLs from a local mirror
  # (url.<mirror>.insteadOf); the same setting inside the image, so a build can mount the mirror.
  mirror_config=$(git config --get-regexp '^url\..*\.insteadof$' 2>/dev/null || true)
  if [ -n "$mirror_config" ]; then
    while read -r key value; do
      buildah run "$container" -- git config --system --add "$key" "$value" </dev/null
    done <<<"$mirror_config"
  fi
  buildah config --env PATH=/opt/swift/usr/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --cmd bash "$container"
  buildah commit --quiet "$container" "$SWIFT_IMAGE" >/dev/null
  buildah rm "$container" >/dev/null
  trap - EXIT
  echo "make-local-base-images: made $SWIFT_IMAGE"
fi
echo "BUILDER_IMAGE=$SWIFT_IMAGE"
