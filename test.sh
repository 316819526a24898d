#!/usr/bin/env bash
# Builds AtlasGuard and runs the whole test suite. Needs the .NET 10 SDK; packages restore from NuGet, and the
# browser tests' Chromium is installed from Debian's packages when it is missing (scripts/ensure-chromium.sh).
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-chromium.sh
dotnet test AtlasGuard.slnx --configuration Release "$@"
