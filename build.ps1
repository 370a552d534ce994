#!/usr/bin/env pwsh
# Bootstrap of the OmniNode Bridge build host, for PowerShell (Windows, or pwsh anywhere).
# Same contract as build.sh: rebuild the host only when its sources changed, run the built assembly directly,
# pass every argument, return its exit code.
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$hostDir = Join-Path $root '.build/host'
$hostDll = Join-Path $hostDir 'Build.dll'
$stamp = Join-Path $hostDir '.sources-stamp'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'; $env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'
$env:DOTNET_TieredPGO = '0'

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    $sdk = (Get-Content (Join-Path $root 'global.json') | ConvertFrom-Json).sdk.version
    Write-Error "build.ps1: the .NET SDK is not installed (global.json asks for $sdk or a later feature band). Install it from the .NET site (winget install Microsoft.DotNet.SDK.10) and run ./build.ps1 again."
    exit 127
}

$inputs = @('Directory.Build.props', 'Directory.Packages.props', 'global.json') | ForEach-Object { Get-Item (Join-Path $root $_) }
$inputs += Get-ChildItem (Join-Path $root 'build') -Recurse -File -Include *.cs, *.csproj, *.props, *.targets |
    Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
$listing = ($inputs | Sort-Object FullName | ForEach-Object { "$($_.FullName) $($_.Length) $($_.LastWriteTimeUtc.Ticks)" }) -join "`n"
$sha = [System.Security.Cryptography.SHA256]::Create()
$fingerprint = [System.BitConverter]::ToString($sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($listing))).Replace('-', '')

if (-not (Test-Path $hostDll) -or -not (Test-Path $stamp) -or (Get-Content $stamp -Raw) -ne $fingerprint) {
    New-Item -ItemType Directory -Force -Path $hostDir | Out-Null
    Write-Host 'build.ps1: building the build host (sources changed)...'
    $log = Join-Path $hostDir 'build.log'
    & dotnet build (Join-Path $root 'build/Build.csproj') --configuration Release --nologo --verbosity quiet --output $hostDir *> $log
    if ($LASTEXITCODE -ne 0) {
        Get-Content $log | Write-Host
        Write-Error "build.ps1: the build host did not compile (log above, also in $log)."
        exit 1
    }
    Set-Content -Path $stamp -Value $fingerprint -NoNewline
}

& dotnet $hostDll @args
exit $LASTEXITCODE
