<#
.SYNOPSIS
    Runs the Pester suite of this folder and exits non-zero when any test fails.
.DESCRIPTION
    `dotnet test` calls this through tests/Pester/MSCommerce.Pester.Tests.csproj, with the Pester
    module from its NuGet package; a contributor can call it too, or simply Invoke-Pester ./tests/Pester.
    The suite's files are shared between two new pwsh processes that run at the same time: most of the
    suite waits on processes it starts (services, new pwsh sessions, dotnet pack), so one pwsh leaves the
    machine's cores idle. Each process's output is printed once it ends; their results are merged into
    one NUnit XML result file, and Pester's summary of the whole suite is printed.
    With -Path, runs those files in this process instead (what each of the two processes does).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $PesterModule,
    [Parameter(Mandatory)] [string] $ResultFile,
    # Test files to run in this process, separated by the path separator (: or ;); by default the whole folder,
    # shared between -Processes new pwsh processes.
    [string] $Path,
    [ValidateRange(1, 8)] [int] $Processes = 2
)

$ErrorActionPreference = 'Stop'
if ([Console]::IsOutputRedirected) {
    # A build log, not a terminal: no colour codes in it.
    $PSStyle.OutputRendering = 'PlainText'
}

if ($Path) {
    Import-Module $PesterModule -Force
    $settings = New-PesterConfiguration
    $settings.Run.Path = $Path -split [System.IO.Path]::PathSeparator
    $settings.Run.PassThru = $true
    $settings.Output.Verbosity = 'Detailed'
    $settings.Output.CIFormat = 'None'
    $settings.TestResult.Enabled = $true
    $settings.TestResult.OutputFormat = 'NUnitXml'
    $settings.TestResult.OutputPath = $ResultFile
    try {
        $result = Invoke-Pester -Configuration $settings
    }
    finally {
        # The seeded service folder LocalService.ps1 made in this pwsh for the files' services to start from.
        if ('MSCommerceTests.SeededService' -as [type]) {
            $seeded = [MSCommerceTests.SeededService]::Folder
            if ($seeded) { Remove-Item -LiteralPath $seeded -Recurse -Force -ErrorAction SilentlyContinue }
        }
    }
    if (-not $result) {
        Write-Host 'Pester returned no result: the files did not run.'
        exit 1
    }
    if ($result.Result -ne 'Passed') { exit 1 }
    exit 0
}

function Get-ServiceProcess {
    # The local commerce service as the suite starts it: the built executable of this repository.
    $built = Join-Path (Resolve-Path (Join-Path $PSScriptRoot '..' '..')) 'src' 'MSCommerce.Stub' 'bin'
    Get-Process -Name 'MSCommerce.Stub' -ErrorAction SilentlyContinue | Where-Object { $_.Path -and $_.Path.StartsWith($built) }
}

function Split-TestFile {
    <#
        Shares the test files between $Count groups of about equal running time, longest first. The seconds are
        what the files took in a run of the whole suite on a quiet 2-core machine (most start processes: dotnet pack, new
        pwsh sessions, Chromium, services they kill); any other file counts 2 s. Only the balance between the processes
        depends on them: refresh them when a file's time changes by much.
    #>
    param([Parameter(Mandatory)] [System.IO.FileInfo[]] $Files, [Parameter(Mandatory)] [int] $Count)

    $seconds = @{
        'ServiceOutage' = 34; 'Packages' = 25; 'FederatedSignIn' = 21; 'BrowserSignIn' = 14; 'DependencyIsolation' = 13
        'Secrets' = 10; 'PipelineExamples' = 9; 'PartnerFleet' = 7; 'ManagedIdentity' = 6; 'ReadyToRun' = 4
        'ServiceLifetime' = 4; 'DriftReport' = 3; 'FreshSession' = 3
    }
    $groups = @(1..$Count | ForEach-Object { [pscustomobject]@{ Seconds = 0; Files = [System.Collections.Generic.List[string]]::new() } })
    $timed = $Files | ForEach-Object {
        $name = $_.Name -replace '\.Tests\.ps1$', ''
        [pscustomobject]@{ Path = $_.FullName; Seconds = $(if ($seconds.ContainsKey($name)) { $seconds[$name] } else { 2 }) }
    }
    foreach ($file in $timed | Sort-Object -Property @{ Expression = 'Seconds'; Descending = $true }, Path) {
        $lightest = $groups | Sort-Object Seconds | Select-Object -First 1
        $lightest.Files.Add($file.Path)
        $lightest.Seconds += $file.Seconds
    }
    $groups | Where-Object { $_.Files.Count -gt 0 } | ForEach-Object { , $_.Files.ToArray() }
}

function Merge-NUnitResult {
    <# One NUnit 2.5 result of the whole suite from those of its parts: every file's suite under one Pester suite, the counts summed. #>
    param([Parameter(Mandatory)] [string[]] $Parts, [Parameter(Mandatory)] [string] $Destination)

    $merged = [xml](Get-Content -Path $Parts[0] -Raw)
    $suite = $merged.'test-results'.'test-suite'
    foreach ($part in $Parts | Select-Object -Skip 1) {
        $other = [xml](Get-Content -Path $part -Raw)
        foreach ($count in 'total', 'errors', 'failures', 'not-run', 'inconclusive', 'ignored', 'skipped', 'invalid') {
            $merged.'test-results'.SetAttribute($count, [string]([int]$merged.'test-results'.GetAttribute($count) + [int]$other.'test-results'.GetAttribute($count)))
        }
        foreach ($file in @($other.'test-results'.'test-suite'.results.ChildNodes)) {
            $null = $suite['results'].AppendChild($merged.ImportNode($file, $true))
        }
        $suite.SetAttribute('time', ([Math]::Max([double]$suite.time, [double]$other.'test-results'.'test-suite'.time)).ToString([cultureinfo]::InvariantCulture))
        if ($other.'test-results'.'test-suite'.success -ne 'True') {
            foreach ($attribute in 'result', 'success') { $suite.SetAttribute($attribute, $other.'test-results'.'test-suite'.GetAttribute($attribute)) }
        }
    }
    $merged.Save($Destination)
    $merged
}

$manifest = Join-Path (Resolve-Path (Join-Path $PSScriptRoot '..' '..')) 'out' 'SelfServicePurchase' 'SelfServicePurchase.psd1'
if (-not (Test-Path $manifest)) {
    Write-Host "The module is not built: $manifest is missing."
    exit 1
}

# This process only starts the others and merges their results: Pester's version is read from its manifest, not imported (2 CPU-seconds).
Write-Host "PowerShell $($PSVersionTable.PSVersion) ($PSHOME), Pester $((Import-PowerShellDataFile -Path $PesterModule).ModuleVersion), $Processes pwsh processes"
$before = @(Get-ServiceProcess).Id
$resultFolder = Split-Path -Parent ([System.IO.Path]::GetFullPath($ResultFile))
$null = New-Item -ItemType Directory -Path $resultFolder -Force
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$deadline = [TimeSpan]::FromMinutes(60)
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$runs = @()
$index = 0
foreach ($files in Split-TestFile -Files (Get-ChildItem -Path $PSScriptRoot -Filter '*.Tests.ps1') -Count $Processes) {
    $index++
    $start = [System.Diagnostics.ProcessStartInfo]::new()
    if (Test-Path $pwsh) {
        $start.FileName = $pwsh
    }
    else {
        # pwsh as a .NET tool runs as 'dotnet pwsh.dll'.
        $start.FileName = [Environment]::ProcessPath
        $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
    }
    $part = Join-Path $resultFolder "Pester.part$index.xml"
    Remove-Item -Path $part -ErrorAction SilentlyContinue
    foreach ($argument in @('-NoLogo', '-NoProfile', '-NonInteractive', '-File', $PSCommandPath, '-PesterModule', $PesterModule, '-ResultFile', $part, '-Path', ($files -join [System.IO.Path]::PathSeparator))) {
        $start.ArgumentList.Add($argument)
    }
    $start.WorkingDirectory = (Get-Location).Path
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $runs += [pscustomobject]@{ Process = $process; Part = $part; Output = $process.StandardOutput.ReadToEndAsync(); Errors = $process.StandardError.ReadToEndAsync() }
}

$failed = $false
foreach ($run in $runs) {
    $left = $deadline - $clock.Elapsed
    if (-not $run.Process.WaitForExit([int][Math]::Max(0, $left.TotalMilliseconds))) {
        $run.Process.Kill($true)
        $null = $run.Process.WaitForExit(10000)
        Write-Host "A pwsh of the suite did not finish within $deadline and was stopped."
        $failed = $true
    }
    $null = [System.Threading.Tasks.Task]::WaitAll(@($run.Output, $run.Errors), 10000)
    Write-Host $run.Output.GetAwaiter().GetResult()
    $errors = $run.Errors.GetAwaiter().GetResult()
    if ($errors) { Write-Host $errors }
    if ($run.Process.ExitCode -ne 0) { $failed = $true }
    $run.Process.Dispose()
}

$parts = @($runs.Part | Where-Object { Test-Path $_ })
if ($parts.Count -ne $runs.Count) {
    Write-Host 'A pwsh of the suite wrote no result: its files did not run.'
    exit 1
}
$merged = Merge-NUnitResult -Parts $parts -Destination $ResultFile
Remove-Item -Path $parts
$suite = $merged.'test-results'.'test-suite'
$cases = @($merged.SelectNodes('//test-case'))
$passed = @($cases | Where-Object result -eq 'Success').Count
$failures = @($cases | Where-Object result -in 'Failure', 'Error')
Write-Host "Pester: $passed passed, $($failures.Count) failed, $($cases.Count - $passed - $failures.Count) skipped or not run of $($cases.Count) in $([int]$clock.Elapsed.TotalSeconds) s; results in $ResultFile"
# A CI log is often read from its end: each failure is named again here, with the first lines of its message.
foreach ($case in $failures) {
    $message = ([string]$case.failure.message -split "`n" | Select-Object -First 6) -join "`n      "
    Write-Host "  Failed: $($case.name)`n      $message"
}

$leftover = @(Get-ServiceProcess | Where-Object Id -NotIn $before)
if ($leftover.Count -gt 0) {
    Write-Host "The suite left $($leftover.Count) local commerce service process(es) running: $($leftover.Id -join ', '). Stopping them."
    $leftover | ForEach-Object { $_.Kill($true) }
    exit 1
}
Write-Host 'No local commerce service process outlived the suite.'
if ($failed -or $suite.success -ne 'True') { exit 1 }
exit 0
