<#
    A person at the sign-in page, for the tests: opens the URL in headless Chromium (Debian's package,
    /usr/bin/chromium), fills the local service's sign-in page with the user name and password and
    submits it, then waits until the browser has reached the loopback redirect (MSAL's listener),
    and closes Chromium. Driven through the DevTools protocol over a WebSocket; nothing else to install.
    The service's certificate is trusted by its public key (--ignore-certificate-errors-spki-list),
    not by turning certificate checks off. Every wait has a deadline; whatever happens is logged.
#>
param(
    [Parameter(Mandatory)] [string] $Url,
    [Parameter(Mandatory)] [string] $UserName,
    [Parameter(Mandatory)] [string] $Password,
    [Parameter(Mandatory)] [string] $CertificatePath,
    [Parameter(Mandatory)] [string] $LogPath,
    [string] $Chromium = '/usr/bin/chromium',
    [TimeSpan] $Timeout = [TimeSpan]::FromSeconds(60)
)

$ErrorActionPreference = 'Stop'
function Write-Log([string] $Text) { Add-Content -Path $LogPath -Value "$([DateTime]::UtcNow.ToString('HH:mm:ss.fff')) $Text" }

$deadline = [DateTime]::UtcNow + $Timeout
$profile = Join-Path ([System.IO.Path]::GetTempPath()) "mscommerce-chromium-$([guid]::NewGuid().ToString('N'))"
$null = New-Item -ItemType Directory -Path $profile
$certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($CertificatePath)
$spki = [Convert]::ToBase64String([System.Security.Cryptography.SHA256]::HashData($certificate.PublicKey.ExportSubjectPublicKeyInfo()))
$arguments = @(
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--no-default-browser-check', "--user-data-dir=$profile",
    '--remote-debugging-port=0', "--ignore-certificate-errors-spki-list=$spki", 'about:blank'
)
Write-Log "starting $Chromium for $Url"
$browser = Start-Process -FilePath $Chromium -ArgumentList $arguments -PassThru -RedirectStandardError (Join-Path $profile 'stderr.txt') -RedirectStandardOutput (Join-Path $profile 'stdout.txt')
$socket = $null
try {
    # Chromium writes the port it chose, and its browser endpoint, to DevToolsActivePort in the profile.
    $portFile = Join-Path $profile 'DevToolsActivePort'
    while (-not (Test-Path $portFile) -or (Get-Content $portFile).Count -lt 2) {
        if ([DateTime]::UtcNow -gt $deadline -or $browser.HasExited) { throw "Chromium did not open its DevTools port (exited: $($browser.HasExited))." }
        Start-Sleep -Milliseconds 100
    }
    $port = (Get-Content $portFile)[0]
    $page = $null
    while (-not $page) {
        if ([DateTime]::UtcNow -gt $deadline) { throw 'Chromium never listed a page to drive.' }
        $page = @((Invoke-RestMethod "http://127.0.0.1:$port/json/list") | Where-Object { $_.type -eq 'page' -and $_.webSocketDebuggerUrl })[0]
        if (-not $page) { Start-Sleep -Milliseconds 100 }
    }
    $socket = [System.Net.WebSockets.ClientWebSocket]::new()
    $null = $socket.ConnectAsync([uri]$page.webSocketDebuggerUrl, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
    $script:nextId = 0

    function Invoke-DevTools([string] $Method, [hashtable] $Params = @{}) {
        $id = ++$script:nextId
        $bytes = [Text.Encoding]::UTF8.GetBytes((@{ id = $id; method = $Method; params = $Params } | ConvertTo-Json -Depth 5 -Compress))
        $null = $socket.SendAsync([ArraySegment[byte]]::new($bytes), 'Text', $true, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
        $buffer = [byte[]]::new(1MB)
        while ($true) {
            $left = $deadline - [DateTime]::UtcNow
            if ($left -le [TimeSpan]::Zero) { throw "No answer to $Method before the deadline." }
            $cancel = [Threading.CancellationTokenSource]::new([TimeSpan]::FromTicks([Math]::Min($left.Ticks, [TimeSpan]::FromSeconds(10).Ticks)))
            $text = [Text.StringBuilder]::new()
            do {
                $received = $socket.ReceiveAsync([ArraySegment[byte]]::new($buffer), $cancel.Token).GetAwaiter().GetResult()
                $null = $text.Append([Text.Encoding]::UTF8.GetString($buffer, 0, $received.Count))
            } until ($received.EndOfMessage)
            $message = $text.ToString() | ConvertFrom-Json
            if ($message.id -eq $id) {
                if ($message.error) { throw "$Method failed: $($message.error.message)" }
                return $message.result
            }
        }
    }

    function Get-PageValue([string] $Expression) {
        (Invoke-DevTools 'Runtime.evaluate' @{ expression = $Expression; returnByValue = $true }).result.value
    }

    function Wait-Page([string] $Condition, [string] $What) {
        while ($true) {
            if (Get-PageValue $Condition) { break }
            if ([DateTime]::UtcNow -gt $deadline) { $text = Get-PageValue 'document.body ? document.body.innerText : null'; throw "The page never showed $What; it is at $(Get-PageValue 'location.href'): $text" }
            Start-Sleep -Milliseconds 100
        }
    }

    $null = Invoke-DevTools 'Page.navigate' @{ url = $Url }
    Wait-Page "document.readyState === 'complete' && !!document.getElementById('passwd')" 'the sign-in form'
    Write-Log "sign-in page: $(Get-PageValue 'document.title')"
    $fill = "document.getElementById('login').value = $(ConvertTo-Json $UserName); document.getElementById('passwd').value = $(ConvertTo-Json $Password); document.getElementById('submit').click(); true"
    $null = Get-PageValue $fill
    # The answer comes back as a form posted to the app (response_mode=form_post); its script posts it,
    # and where it has not within a moment, the driver presses Continue as a person without script would.
    $posted = [DateTime]::UtcNow
    while (-not (Get-PageValue "location.href.startsWith('http://localhost')")) {
        if ([DateTime]::UtcNow -gt $deadline) { $text = Get-PageValue 'document.body ? document.body.innerText : null'; throw "The browser never reached the app; it is at $(Get-PageValue 'location.href'): $text" }
        if ([DateTime]::UtcNow -gt $posted.AddSeconds(1) -and (Get-PageValue "document.title === 'Signing you in' && !!document.getElementById('submit')")) {
            Write-Log 'pressing Continue'
            $null = Get-PageValue "document.getElementById('submit').click(); true"
            $posted = [DateTime]::UtcNow.AddSeconds(5)
        }
        Start-Sleep -Milliseconds 100
    }
    Wait-Page "location.href.startsWith('http://localhost') && document.readyState === 'complete' && !!document.body && document.body.innerText.length > 0" 'the redirect to the app'
    $answer = Get-PageValue 'document.body.innerText'
    Write-Log "redirected; the app answered: $answer"
}
catch {
    Write-Log "failed: $_"
    throw
}
finally {
    if ($socket) { $socket.Dispose() }
    if (-not $browser.HasExited) { $browser.Kill($true); $null = $browser.WaitForExit(10000) }
    Remove-Item -Path $profile -Recurse -Force -ErrorAction SilentlyContinue
    Write-Log 'done'
}
