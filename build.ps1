#!/usr/bin/env pwsh
# Build entry point for PowerShell users. The logic lives in MSBuild/dotnet, so every step here is one plain dotnet
# command that works the same on Linux without PowerShell (see README.md).
[CmdletBinding()]
param(
    [ValidateSet('All', 'Restore', 'Build', 'Test', 'Pack')]
    [string] $Target = 'All',
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Invoke-Step([string] $Name, [string[]] $Arguments) {
    Write-Host "==> $Name: dotnet $($Arguments -join ' ')"
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Name failed with exit code $LASTEXITCODE" }
}

if ($Target -in 'All', 'Restore') { Invoke-Step 'restore' @('restore', 'EmailConnector.sln') }
if ($Target -in 'All', 'Build')   { Invoke-Step 'build'   @('build', 'EmailConnector.sln', '-c', $Configuration, '--no-restore') }
if ($Target -in 'All', 'Test')    { Invoke-Step 'test'    @('test', 'EmailConnector.sln', '-c', $Configuration) }
if ($Target -in 'All', 'Pack') {
    # Builds the signed net462 plugin (Release) and writes artifacts/EmailConnector_<version>.zip and _managed.zip.
    Invoke-Step 'pack' @('build', 'src/EmailConnector.Packaging/EmailConnector.Packaging.csproj', '-t:PackSolution', '-c', $Configuration)
}
