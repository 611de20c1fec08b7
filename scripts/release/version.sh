#!/usr/bin/env bash
# Prints the version the release scripts stamp into every artifact (see release_version in common.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
release_version
