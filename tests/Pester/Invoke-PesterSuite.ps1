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
    [Parameter(Mandatory)] [string] $ResultFile,
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterModule -Force

$settings = New-PesterConfiguration
$settings.Run.Path = $PSScriptRoot
$settings.Run.PassThru = $true
$settings.Output.Verbosity = 'Detailed'
$settings.Output.CIFormat = 'None'
$settings.TestResult.Enabled = $true
$settings.TestResult.OutputFormat = 'NUnitXml'
$settings.TestResult.OutputPath = $ResultFile

Write-Host "PowerShell $($PSVersionTable.PSVersion) ($PSHOME), Pester $((Get-Module Pester).Version)"
$result = Invoke-Pester -Configuration $settings
Write-Host "Pester: $($result.PassedCount) passed, $($result.FailedCount) failed, $($result.SkippedCount) skipped, $($result.NotRunCount) not run of $($result.TotalCount) in $([int]$result.Duration.TotalSeconds) s; results in $ResultFile"
if ($result.Result -ne 'Passed') { exit 1 }
exit 0
