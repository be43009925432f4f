<#
.SYNOPSIS
    Runs the Pester suite of this folder in this pwsh and exits non-zero when any test fails.
.DESCRIPTION
    `dotnet test` calls this through tests/Pester/MSCommerce.Pester.Tests.csproj, with the Pester
    module from its NuGet package; a contributor can call it too, or simply Invoke-Pester ./tests/Pester.
    Prints Pester's summary and writes an NUnit XML result file.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $PesterModule,
    [Parameter(Mandatory)] [string] $ResultFile
)

$ErrorActionPreference = 'Stop'
if ([Console]::IsOutputRedirected) {
    # A build log, not a terminal: no colour codes in it.
    $PSStyle.OutputRendering = 'PlainText'
}
Import-Module $PesterModule -Force

$settings = New-PesterConfiguration
$settings.Run.Path = $PSScriptRoot
$settings.Run.PassThru = $true
$settings.Output.Verbosity = 'Detailed'
$settings.Output.CIFormat = 'None'
$settings.TestResult.Enabled = $true
$settings.TestResult.OutputFormat = 'NUnitXml'
$settings.TestResult.OutputPath = $ResultFile

function Get-ServiceProcess {
    # The local commerce service as the suite starts it: the built executable of this repository.
    $built = Join-Path (Resolve-Path (Join-Path $PSScriptRoot '..' '..')) 'src' 'MSCommerce.Stub' 'bin'
    Get-Process -Name 'MSCommerce.Stub' -ErrorAction SilentlyContinue | Where-Object { $_.Path -and $_.Path.StartsWith($built) }
}

$manifest = Join-Path (Resolve-Path (Join-Path $PSScriptRoot '..' '..')) 'out' 'SelfServicePurchase' 'SelfServicePurchase.psd1'
if (-not (Test-Path $manifest)) {
    Write-Host "The module is not built: $manifest is missing."
    exit 1
}

Write-Host "PowerShell $($PSVersionTable.PSVersion) ($PSHOME), Pester $((Get-Module Pester).Version)"
$before = @(Get-ServiceProcess).Id
$result = Invoke-Pester -Configuration $settings
if (-not $result) {
    Write-Host 'Pester returned no result: the suite did not run.'
    exit 1
}
Write-Host "Pester: $($result.PassedCount) passed, $($result.FailedCount) failed, $($result.SkippedCount) skipped, $($result.NotRunCount) not run of $($result.TotalCount) in $([int]$result.Duration.TotalSeconds) s; results in $ResultFile"

$leftover = @(Get-ServiceProcess | Where-Object Id -NotIn $before)
if ($leftover.Count -gt 0) {
    Write-Host "The suite left $($leftover.Count) local commerce service process(es) running: $($leftover.Id -join ', '). Stopping them."
    $leftover | ForEach-Object { $_.Kill($true) }
    exit 1
}
Write-Host 'No local commerce service process outlived the suite.'
if ($result.Result -ne 'Passed') { exit 1 }
exit 0
