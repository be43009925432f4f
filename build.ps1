<#
.SYNOPSIS
    Builds, tests, packs or cleans the SelfServicePurchase module (the MSCommerce cmdlets).
.DESCRIPTION
    A thin wrapper over the dotnet commands the README gives, for contributors who live in pwsh.
    Build lays out the importable module in out/SelfServicePurchase. Test runs the xunit suites, then the
    Pester suite in tests/Pester in pwsh 7.6.9 with Pester 5.9.1, both restored from NuGet. Benchmark runs the benchmark programs
    of tests/MSCommerce.Benchmarks (baseline enforcement, purchase streaming, Import-Module, and the
    module in real pwsh: per call, sign-in, streaming), which print their figures against a baseline
    measured in the same run. Pack writes the release's packages to artifacts/ (the module for the
    PowerShell Gallery, the client and its symbols for NuGet). Clean removes every build output.
.EXAMPLE
    ./build.ps1
    Builds the module in Release configuration.
.EXAMPLE
    ./build.ps1 -Task Test
    Builds, runs every xunit test, then the Pester suite.
.EXAMPLE
    ./build.ps1 -Task Pack
    Writes SelfServicePurchase.<version>.nupkg, MSCommerce.Client.<version>.nupkg and its .snupkg to artifacts/.
.EXAMPLE
    ./build.ps1 -Task Benchmark
    Runs every benchmark and prints its table.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pack', 'Benchmark', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$solution = Join-Path $PSScriptRoot 'MSCommerce.sln'

function Invoke-Dotnet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    Write-Verbose "dotnet $($Arguments -join ' ')"
    # The SDK's own processes without profile-guided recompilation, as in .ci/run (a clean build: about a third less CPU);
    # a value the caller set wins, and the session keeps what it had.
    $callers = $env:DOTNET_TieredPGO
    if ($null -eq $callers) { $env:DOTNET_TieredPGO = '0' }
    try {
        & dotnet @Arguments
    }
    finally {
        $env:DOTNET_TieredPGO = $callers
    }
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE."
    }
}

switch ($Task) {
    'Build' {
        Invoke-Dotnet build $solution -c $Configuration
    }
    'Test' {
        # The xunit suites, then the Pester suite in pwsh 7.6.9 with Pester 5.9.1 (tests/Pester/MSCommerce.Pester.Tests.csproj).
        Invoke-Dotnet test $solution -c $Configuration
    }
    'Pack' {
        Invoke-Dotnet pack $solution -c $Configuration -o (Join-Path $PSScriptRoot 'artifacts')
    }
    'Benchmark' {
        Invoke-Dotnet run --project (Join-Path $PSScriptRoot 'tests' 'MSCommerce.Benchmarks') -c Release -- all
    }
    'Clean' {
        Invoke-Dotnet clean $solution -c $Configuration
        Remove-Item -Recurse -Force -ErrorAction SilentlyContinue (Join-Path $PSScriptRoot 'out'), (Join-Path $PSScriptRoot 'artifacts')
        Get-ChildItem -Path (Join-Path $PSScriptRoot 'src'), (Join-Path $PSScriptRoot 'tests') -Directory -Recurse -Include 'bin', 'obj' |
            Remove-Item -Recurse -Force
    }
}
