#!/usr/bin/env bash
# Builds AtlasGuard and runs the whole test suite. Needs only the .NET 10 SDK; packages restore from NuGet.
set -euo pipefail
cd "$(dirname "$0")"
dotnet test AtlasGuard.slnx --configuration Release "$@"
