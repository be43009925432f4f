#Requires -Version 7.4
<#
    The long-lived half of the pwsh benchmark group (PwshBenchmark.cs starts it with the repository's
    pwsh tool): per-call scenarios, warm Connect-MSCommerce and streaming 100,000 purchases, each beside
    a baseline measured in this same process, interleaved in rounds so that a busy machine slows both alike.

    Output protocol (stdout, one line each): "@@pid <pid>" first; "@@begin <name>" / "@@end <name>"
    around each streaming run (the parent samples this process's working set in between); and last
    "@@result <json>" with every measurement. Anything else (the module's greeting) is ignored.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Manifest,
    [Parameter(Mandatory)] [string] $Endpoint,
    [Parameter(Mandatory)] [string] $CertificatePath,
    # The demo read-write app (MSCommerce.Stub.DemoData), passed by the benchmark.
    [Parameter(Mandatory)] [string] $TenantId,
    [Parameter(Mandatory)] [string] $ClientId,
    [Parameter(Mandatory)] [string] $ClientSecret,
    [string] $Scope = 'aeb86249-8ea3-49e2-900b-54cc8e308f85/.default',
    [string] $ProductId = 'CFQ7TTC0H9MP',
    [int] $Rounds = 7,
    [int] $Calls = 140,
    [int] $ConnectCalls = 20,
    [int] $StreamRounds = 3,
    [int] $PageSize = 1000
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

function Write-Line([string] $Text) {
    [Console]::Out.WriteLine($Text)
    [Console]::Out.Flush()
}

Write-Line "@@pid $PID"
Import-Module $Manifest
$certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($CertificatePath)
$secret = ConvertTo-SecureString $ClientSecret -AsPlainText -Force
$connect = @{ Endpoint = $Endpoint; TrustedCertificate = $certificate; TenantId = $TenantId; ClientId = $ClientId; ClientSecret = $secret }
$policyPath = "v1.0/policies/AllowSelfServicePurchase/products/$ProductId"
$policyUrl = [Uri]::new([Uri]$Endpoint, $policyPath).AbsoluteUri
$values = 'Enabled', 'Disabled'

. (Join-Path $PSScriptRoot 'TrustingClient.ps1')
$raw = New-TrustingClient -Certificate $certificate -BaseAddress $Endpoint
$raw.Timeout = [TimeSpan]::FromMinutes(2)

function Send-Raw([System.Net.Http.HttpMethod] $Method, [string] $Path, [string] $Body, [switch] $Anonymous) {
    $request = [System.Net.Http.HttpRequestMessage]::new($Method, $Path)
    try {
        if (-not $Anonymous) { $request.Headers.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $script:token) }
        if ($Body) { $request.Content = [System.Net.Http.StringContent]::new($Body, [System.Text.Encoding]::UTF8, 'application/json') }
        $response = $raw.SendAsync($request).GetAwaiter().GetResult()
        try {
            $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
            if (-not $response.IsSuccessStatusCode) { throw "$Method $Path answered $([int]$response.StatusCode): $text" }
            $text
        }
        finally { $response.Dispose() }
    }
    finally { $request.Dispose() }
}

# Raw GET (or PUT): the body read and parsed, as a caller that uses the answer would.
function Invoke-Raw([System.Net.Http.HttpMethod] $Method, [string] $Path, [string] $Body) {
    $document = [System.Text.Json.JsonDocument]::Parse((Send-Raw $Method $Path $Body))
    $document.Dispose()
}

# The client-credentials grant, posted by hand: the token the raw baselines send, and the warm Connect's baseline.
function Get-RawToken {
    $form = [System.Collections.Generic.Dictionary[string, string]]::new()
    $form['grant_type'] = 'client_credentials'
    $form['client_id'] = $ClientId
    $form['client_secret'] = $ClientSecret
    $form['scope'] = $Scope
    $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Post, "$TenantId/oauth2/v2.0/token")
    $request.Content = [System.Net.Http.FormUrlEncodedContent]::new($form)
    try {
        $response = $raw.SendAsync($request).GetAwaiter().GetResult()
        try {
            $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
            if (-not $response.IsSuccessStatusCode) { throw "The token endpoint answered $([int]$response.StatusCode): $text" }
            $document = [System.Text.Json.JsonDocument]::Parse($text)
            try { $document.RootElement.GetProperty('access_token').GetString() } finally { $document.Dispose() }
        }
        finally { $response.Dispose() }
    }
    finally { $request.Dispose() }
}

# What Microsoft's original module does per call: a new Invoke-RestMethod (a new HttpClient, so a new
# TLS handshake) with a fresh correlation id, then New-Object PSObject of the four fields.
function Get-OriginalPattern {
    $headers = @{ Authorization = "Bearer $script:token"; 'x-ms-correlation-id' = [guid]::NewGuid() }
    $response = Invoke-RestMethod -Uri $policyUrl -Headers $headers -SkipCertificateCheck
    New-Object PSObject -Property @{ PolicyID = $response.policyId; ProductName = $response.productName; ProductId = $response.productId; PolicyValue = $response.policyValue }
}

$token = Get-RawToken
Connect-MSCommerce @connect 6>$null | Out-Null

$perCall = [ordered]@{
    'get'         = @{ Count = $Calls; Call = { Get-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId $ProductId } }
    'rawGet'      = @{ Count = $Calls; Call = { Invoke-Raw Get $policyPath } }
    'update'      = @{ Count = $Calls; Call = { param($i) Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId $ProductId -Value $values[$i % 2] } }
    'rawUpdate'   = @{ Count = $Calls; Call = { param($i) Invoke-Raw Get $policyPath; Invoke-Raw Put $policyPath "{`"policyValue`":`"$($values[$i % 2])`"}" } }
    'token'       = @{ Count = $Calls; Call = { Get-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId $ProductId -Token $token } }
    'original'    = @{ Count = $Calls; Call = { Get-OriginalPattern } }
    'connectWarm' = @{ Count = $ConnectCalls; Call = { Connect-MSCommerce @connect 6>$null } }
    'rawTokenWarm' = @{ Count = $ConnectCalls; Call = { Get-RawToken } }
}

# One round of one scenario: each call timed on its own; the round's figures are its median call and its mean.
function Measure-Round([scriptblock] $Call, [int] $Count) {
    $ticks = [long[]]::new($Count)
    for ($i = 0; $i -lt $Count; $i++) {
        $start = [System.Diagnostics.Stopwatch]::GetTimestamp()
        $null = & $Call $i
        $ticks[$i] = [System.Diagnostics.Stopwatch]::GetTimestamp() - $start
    }

    $toMs = 1000.0 / [System.Diagnostics.Stopwatch]::Frequency
    $mean = ([System.Linq.Enumerable]::Sum($ticks) / $Count) * $toMs
    [Array]::Sort($ticks)
    $middle = ($ticks[[int][Math]::Floor(($Count - 1) / 2)] + $ticks[[int][Math]::Ceiling(($Count - 1) / 2)]) / 2
    @{ Median = $middle * $toMs; Mean = $mean }
}

# Warm-up: one of each, so JIT, TLS and connection pools are paid before the first round.
foreach ($name in $perCall.Keys) { $null = Measure-Round $perCall[$name].Call 2 }

$roundMedians = [ordered]@{}
$roundMeans = [ordered]@{}
foreach ($name in $perCall.Keys) {
    $roundMedians[$name] = [System.Collections.Generic.List[double]]::new()
    $roundMeans[$name] = [System.Collections.Generic.List[double]]::new()
}
$names = @($perCall.Keys)
for ($round = 0; $round -lt $Rounds; $round++) {
    # Each round in its own order, shuffled with the round as the seed (the same orders in every run): a fixed
    # cycle, merely started elsewhere, would have each scenario follow the same neighbour in almost every
    # round, and the one after the writes (rawUpdate) meet the service's work on them every time.
    $random = [System.Random]::new($round)
    $order = [string[]]$names.Clone()
    for ($i = $order.Count - 1; $i -gt 0; $i--) {
        $j = $random.Next($i + 1)
        $order[$i], $order[$j] = $order[$j], $order[$i]
    }
    foreach ($name in $order) {
        $figures = Measure-Round $perCall[$name].Call $perCall[$name].Count
        $roundMedians[$name].Add($figures.Median)
        $roundMeans[$name].Add($figures.Mean)
    }
}

# Streaming: the service's request log tells when each page was answered.
function Get-PageTimes {
    $log = Send-Raw Get '_admin/requests?method=GET&path=/v1.0/selfServicePurchases' -Anonymous | ConvertFrom-Json
    @($log | ForEach-Object { ([DateTimeOffset]$_.time).UtcDateTime })
}

function Read-RawPurchases {
    $next = "v1.0/selfServicePurchases?`$top=$PageSize"
    while ($next) {
        $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Get, $next)
        $request.Headers.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $script:token)
        $response = $raw.SendAsync($request, [System.Net.Http.HttpCompletionOption]::ResponseHeadersRead).GetAwaiter().GetResult()
        try {
            $null = $response.EnsureSuccessStatusCode()
            $document = [System.Text.Json.JsonDocument]::Parse($response.Content.ReadAsStreamAsync().GetAwaiter().GetResult())
            try {
                $root = $document.RootElement
                foreach ($item in $root.GetProperty('items').EnumerateArray()) { $item }
                $link = [System.Text.Json.JsonElement]::new()
                $next = if ($root.TryGetProperty('nextLink', [ref]$link) -and $link.ValueKind -eq 'String') { $link.GetString() } else { $null }
            }
            finally { $document.Dispose() }
        }
        finally { $response.Dispose(); $request.Dispose() }
    }
}

$streams = [ordered]@{
    'streamOurs' = { Get-MSCommerceSelfServicePurchases -PageSize $PageSize }
    'streamRaw'  = { Read-RawPurchases }
}

function Measure-Stream([string] $Name, [scriptblock] $Read, [int] $Index) {
    $null = Send-Raw Delete '_admin/requests' -Anonymous
    [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
    $heapBefore = [GC]::GetTotalMemory($true)
    $peakHeap = $heapBefore
    $count = 0
    $firstAt = $null
    Write-Line "@@begin $Name"
    $started = [DateTime]::UtcNow
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    & $Read | ForEach-Object {
        $count++
        if ($count % 1000 -eq 1) {
            if ($count -eq 1) { $firstAt = [DateTime]::UtcNow }
            $peakHeap = [Math]::Max($peakHeap, [GC]::GetTotalMemory($false))
        }
    }
    $clock.Stop()
    Write-Line "@@end $Name"
    $pages = Get-PageTimes
    [ordered]@{
        Index = $Index
        Count = $count
        Seconds = $clock.Elapsed.TotalSeconds
        PeakHeapGrowthMB = ($peakHeap - $heapBefore) / 1MB
        Pages = $pages.Count
        FirstObjectMs = ($firstAt - $started).TotalMilliseconds
        SecondPageAnsweredMs = if ($pages.Count -ge 2) { ($pages[1] - $started).TotalMilliseconds } else { $null }
    }
}

$streamRuns = [ordered]@{}
foreach ($name in $streams.Keys) { $streamRuns[$name] = [System.Collections.Generic.List[object]]::new() }
$streamNames = @($streams.Keys)
for ($round = 0; $round -lt $StreamRounds; $round++) {
    for ($k = 0; $k -lt $streamNames.Count; $k++) {
        $name = $streamNames[($k + $round) % $streamNames.Count]
        $streamRuns[$name].Add((Measure-Stream $name $streams[$name] $streamRuns[$name].Count))
    }
}

$raw.Dispose()
Write-Line ('@@result ' + (@{ PerCall = $roundMedians; PerCallMeans = $roundMeans; Streams = $streamRuns; Calls = $Calls; ConnectCalls = $ConnectCalls; Rounds = $Rounds } | ConvertTo-Json -Depth 5 -Compress))
