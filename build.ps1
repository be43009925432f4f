<#
.SYNOPSIS
    Builds, tests or cleans the MSCommerce module.
.DESCRIPTION
    A thin wrapper over the dotnet commands the README gives, for contributors who live in pwsh.
    Build lays out the importable module in out/MSCommerce. Test runs the xunit suites, then the
    Pester suite in tests/Pester when Pester 5 is installed. Benchmark runs the benchmark programs
    of tests/MSCommerce.Benchmarks (baseline enforcement, purchase streaming), which print their
    figures against a baseline measured in the same run. Clean removes every build output.
.EXAMPLE
    ./build.ps1
    Builds the module in Release configuration.
.EXAMPLE
    ./build.ps1 -Task Test
    Builds, runs every xunit test, then the Pester suite.
.EXAMPLE
    ./build.ps1 -Task Benchmark
    Runs every benchmark and prints its table.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Benchmark', 'Clean')]
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
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE."
    }
}

switch ($Task) {
    'Build' {
        Invoke-Dotnet build $solution -c $Configuration
    }
    'Test' {
        Invoke-Dotnet test $solution -c $Configuration
        $pester = Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0.0' | Sort-Object Version -Descending | Select-Object -First 1
        if (-not $pester) {
            Write-Warning 'Pester 5 is not installed: skipping tests/Pester. Install-Module Pester -MinimumVersion 5.0.0 to run it.'
            return
        }
        Import-Module $pester
        $configuration = New-PesterConfiguration
        $configuration.Run.Path = Join-Path $PSScriptRoot 'tests' 'Pester'
        $configuration.Run.Exit = $true
        $configuration.Output.Verbosity = 'Detailed'
        Invoke-Pester -Configuration $configuration
    }
    'Benchmark' {
        Invoke-Dotnet run --project (Join-Path $PSScriptRoot 'tests' 'MSCommerce.Benchmarks') -c Release -- all
    }
    'Clean' {
        Invoke-Dotnet clean $solution -c $Configuration
        Remove-Item -Recurse -Force -ErrorAction SilentlyContinue (Join-Path $PSScriptRoot 'out')
        Get-ChildItem -Path (Join-Path $PSScriptRoot 'src'), (Join-Path $PSScriptRoot 'tests') -Directory -Recurse -Include 'bin', 'obj' |
            Remove-Item -Recurse -Force
    }
}
