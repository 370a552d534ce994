#!/usr/bin/env pwsh
# Bootstrap of the OmniNode Bridge build host for PowerShell (Windows, or pwsh anywhere), with the rules of build.sh
# (README, docs/performance.md "The first run"): the content hash of the host's sources picks the machine's native
# host when it has one, else the clone's JIT (or readytorun) host, built when missing; every argument is passed and
# the host's exit code returned.
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$state = Join-Path $root '.build'
$wanted = if ($env:BUILD_HOST) { $env:BUILD_HOST } else { 'auto' }
$cache = if ($env:BUILD_HOST_CACHE) { $env:BUILD_HOST_CACHE } else {
    Join-Path ($env:XDG_CACHE_HOME ? $env:XDG_CACHE_HOME : (Join-Path $HOME '.cache')) 'omninode-bridge/build-host' }
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'; $env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'
$env:DOTNET_TieredPGO = '0'
function Say([string] $message) { [Console]::Error.WriteLine("build.ps1: $message") }

if ($wanted -notin 'auto', 'native', 'readytorun', 'jit') {
    Say ("BUILD_HOST=$wanted is not a kind of build host; use BUILD_HOST=auto (the default: the machine's native host, or a quick " +
        'JIT host at once and the native one compiled in the background), BUILD_HOST=native (compiled ahead of time in the foreground), ' +
        'BUILD_HOST=readytorun (run by dotnet) or BUILD_HOST=jit (quickest to compile, no native compile).')
    exit 2
}
if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    $sdk = (Get-Content (Join-Path $root 'global.json') | ConvertFrom-Json).sdk.version
    Say ("the .NET SDK is not installed (global.json asks for $sdk or a later feature band). " +
        'Install it (winget install Microsoft.DotNet.SDK.10) and run ./build.ps1 again.')
    exit 127
}

# The content hash of the sources, as build.sh computes it: sha256sum's lines "HASH  PATH" over the sorted files, hashed.
$sha = [System.Security.Cryptography.SHA256]
[string[]] $files = @('Directory.Build.props', 'Directory.Packages.props', 'global.json') | Where-Object { Test-Path (Join-Path $root $_) }
$files += Get-ChildItem (Join-Path $root 'build') -Recurse -File |
    ForEach-Object { [System.IO.Path]::GetRelativePath($root, $_.FullName).Replace('\', '/') } |
    Where-Object { $_ -notmatch '/(bin|obj)/' -and ($_ -match '\.(cs|csproj|props|targets)$' -or $_ -match '(^|/)global\.json$') }
[Array]::Sort($files, [StringComparer]::Ordinal)
$listing = -join ($files | ForEach-Object { "$([Convert]::ToHexStringLower($sha::HashData([IO.File]::ReadAllBytes((Join-Path $root $_)))))  $_`n" })
$sources = [Convert]::ToHexStringLower($sha::HashData([Text.Encoding]::UTF8.GetBytes($listing)))
$native = Join-Path $cache "native/$sources"
$executable = if ($IsWindows) { 'Build.exe' } else { 'Build' }

function HostOf([string] $kind) { Join-Path $state "hosts/$kind-$sources" }
function Runnable([string] $dir) {
    (Test-Path (Join-Path $dir 'Build.dll')) -and (Test-Path (Join-Path $dir 'Build.runtimeconfig.json')) -or
    ((Test-Path (Join-Path $dir $executable)) -and (Get-Item (Join-Path $dir $executable)).Length -gt 0)
}
function Compiling {
    $pidFile = Join-Path $cache 'compile.pid'
    (Test-Path $pidFile) -and [bool](Get-Process -Id (Get-Content $pidFile) -ErrorAction SilentlyContinue)
}
function Run([string] $dir) {
    if (-not $IsWindows) { & ln -sfn "hosts/$(Split-Path $dir -Leaf)" (Join-Path $state 'host') }
    if (Compiling) {
        New-Item -ItemType File -Force (Join-Path $cache "commands/$PID") | Out-Null # the compile pauses while this runs
    }
    if (Test-Path (Join-Path $dir 'Build.dll')) { & dotnet (Join-Path $dir 'Build.dll') @args } else { & (Join-Path $dir $executable) @args }
    exit $LASTEXITCODE
}
function AdoptNative {
    $dir = HostOf 'native'
    if (-not (Runnable $dir) -and (Runnable $native)) {
        Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue
        Copy-Item -Recurse $native "$dir.$PID"
        Move-Item "$dir.$PID" $dir
    }
    Runnable $dir
}
function Build([string] $kind) {
    $dir = HostOf $kind
    if (Runnable $dir) { return }
    Say "compiling the $kind build host (about as long as dotnet run takes)..."
    New-Item -ItemType Directory -Force (Join-Path $state 'hosts') | Out-Null
    $log = Join-Path $state 'host-build.log'
    $common = @((Join-Path $root 'build/Build.csproj'), '--configuration', 'Release', '--nologo', '--verbosity', 'quiet', '--output', "$dir.next",
        '-p:UseSharedCompilation=false')
    Remove-Item -Recurse -Force $dir, "$dir.next" -ErrorAction SilentlyContinue
    if ($kind -eq 'readytorun') { & dotnet publish @common --use-current-runtime --self-contained false -p:PublishReadyToRun=true -p:UseAppHost=false *> $log }
    if ($kind -ne 'readytorun' -or $LASTEXITCODE -ne 0) { & dotnet build @common *> $log }
    if ($LASTEXITCODE -ne 0) {
        Get-Content $log | ForEach-Object { [Console]::Error.WriteLine($_) }
        Say "the build host did not compile (log above, also in $log)."
        exit 1
    }
    Move-Item "$dir.next" $dir
}

if ($wanted -in 'auto', 'native' -and (AdoptNative)) { Run (HostOf 'native') @args }
if ($wanted -eq 'native') {
    if ((Test-Path "$native.failed") -and (Runnable (HostOf 'readytorun'))) { Run (HostOf 'readytorun') @args }
    Build 'jit'
    Say 'compiling the build host ahead of time (2-3 minutes on 2 cores, once per machine)...'
    & dotnet (Join-Path (HostOf 'jit') 'Build.dll') --bootstrap-native foreground $root $sources $cache
    if ($LASTEXITCODE -eq 0 -and (AdoptNative)) { Run (HostOf 'native') @args }
    Say "building the readytorun host instead (log: $native.log; delete $native.failed to try again after a fix)."
    $wanted = 'readytorun'
}
if ($wanted -eq 'readytorun') { Build 'readytorun'; Run (HostOf 'readytorun') @args }
Build 'jit'
$linker = (Get-Command gcc, clang -ErrorAction SilentlyContinue)
if ($wanted -eq 'auto' -and -not $IsWindows -and -not (Test-Path "$native.failed") -and $linker -and -not (Compiling)) {
    # The background compile of build.sh, detached (it runs the compile at idle priority); it begins once this command is over.
    New-Item -ItemType File -Force (Join-Path $cache "commands/$PID") | Out-Null
    Start-Process setsid -ArgumentList (@('dotnet',
        (Join-Path (HostOf 'jit') 'Build.dll'), '--bootstrap-native', 'background', $root, $sources, $cache) | ForEach-Object { "`"$_`"" }) `
        -RedirectStandardOutput (Join-Path $state 'host-native.log') -RedirectStandardError (Join-Path $state 'host-native.err')
}
Run (HostOf 'jit') @args
