#!/usr/bin/env bash
# Installs the pinned cfn-guard binary into scripts/cfn-guard/node_modules (ignored by git) and prints its path.
# The package's peer dependency (aws-cdk-lib) is not needed for the binary and is not installed (.npmrc).
set -euo pipefail
cd "$(dirname "$0")"
binary="node_modules/@cdklabs/cdk-validator-cfnguard/bin/ubuntu/x86_64/cfn-guard"
if [[ ! -x "$binary" ]]; then
  npm ci --no-progress --loglevel=error >&2
fi
"$binary" --version >&2
echo "$PWD/$binary"
