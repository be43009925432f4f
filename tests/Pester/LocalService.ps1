<#
    The test kit's PowerShell face (tests/MSCommerce.Testing): starts and stops the local commerce
    service for the Pester suite as its own process, as ServiceProcess does (the same options, the same
    readiness line), on a free loopback port with a SQLite database in a temp folder that is deleted
    afterwards; calls its test controls; and names the demo identities as the built service's DemoData
    has them ($DemoData, once this file is dot-sourced).
#>

function Get-LocalCommerceServiceExecutable {
    <# The built service: the apphost of the newest build (Release or Debug), never `dotnet run`, whose child would outlive it. #>
    param([Parameter(Mandatory)] [string] $RepositoryRoot)

    $name = if ($IsWindows) { 'MSCommerce.Stub.exe' } else { 'MSCommerce.Stub' }
    $built = 'Release', 'Debug' |
        ForEach-Object { Join-Path $RepositoryRoot 'src' 'MSCommerce.Stub' 'bin' $_ 'net10.0' $name } |
        Where-Object { Test-Path $_ } |
        Sort-Object { (Get-Item $_).LastWriteTimeUtc } -Descending |
        Select-Object -First 1
    if (-not $built) {
        throw "The local commerce service is not built: run 'dotnet build MSCommerce.sln -c Release' first."
    }

    $built
}

function Start-LocalCommerceService {
    param(
        [Parameter(Mandatory)] [string] $RepositoryRoot,
        [TimeSpan] $Timeout = [TimeSpan]::FromSeconds(60),
        # More options of the service, e.g. '--seed-products', '500'.
        [string[]] $ExtraArguments = @(),
        # The folder (and database) of a service started before: the same state, as after a restart.
        [string] $Folder,
        # Starts on no database, seeding it and making its keys and certificate, as on a machine where it never ran.
        # Otherwise a service with the default options starts on a copy of one seeded once in this process
        # (Get-SeededServiceFolder): a start on an existing database costs a third of a first start's CPU.
        [switch] $FirstStart
    )

    $fromSeeded = -not $Folder -and -not $FirstStart -and $ExtraArguments.Count -eq 0
    $folder = if ($Folder) { $Folder } else { Join-Path ([System.IO.Path]::GetTempPath()) "mscommerce-pester-$([guid]::NewGuid().ToString('N'))" }
    $null = New-Item -ItemType Directory -Path $folder -Force
    if ($fromSeeded) {
        # The database with its write-ahead log, keys and certificate; SQLite rebuilds the log's index.
        Get-ChildItem -Path (Get-SeededServiceFolder -RepositoryRoot $RepositoryRoot) -Filter 'commerce.db*' |
            Where-Object Name -NotLike '*-shm' | Copy-Item -Destination $folder
    }
    $database = Join-Path $folder 'commerce.db'
    # ServiceProcess.Arguments with the demo seed. Port 0: the service binds a free port itself and prints it, so no other process can take it in between.
    $arguments = @('--urls', 'https://127.0.0.1:0', '--db', $database, '--seed', 'demo', '--test-controls', '--rate-limit', '0') + $ExtraArguments
    $stdout = Join-Path $folder 'stdout.txt'
    Remove-Item -Path $stdout -ErrorAction SilentlyContinue
    # Stop-LocalCommerceService and the outage tests kill it: without the diagnostics server, a killed service leaves no
    # debugger pipes or diagnostics socket behind in the temp folder (ServiceProcess does the same).
    $process = Start-Process -FilePath (Get-LocalCommerceServiceExecutable -RepositoryRoot $RepositoryRoot) -ArgumentList $arguments -PassThru -NoNewWindow `
        -RedirectStandardOutput $stdout -RedirectStandardError (Join-Path $folder 'stderr.txt') -Environment @{ DOTNET_EnableDiagnostics = '0' }
    $service = [pscustomobject]@{
        BaseAddress = $null
        Certificate = $null
        Process     = $process
        Folder      = $folder
    }

    # The service prints where it listens once it is ready; its certificate is then beside the database.
    $deadline = [DateTime]::UtcNow + $Timeout
    while ([DateTime]::UtcNow -lt $deadline) {
        if ($process.HasExited) {
            $errors = Get-Content (Join-Path $folder 'stderr.txt') -Raw
            Stop-LocalCommerceService -Service $service
            throw "The local commerce service exited with code $($process.ExitCode): $errors"
        }
        $listening = if (Test-Path $stdout) { Select-String -Path $stdout -Pattern 'listening on (https://\S+)' | Select-Object -First 1 }
        if ($listening) {
            $service.BaseAddress = [uri]$listening.Matches[0].Groups[1].Value
            $service.Certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new("$database.cer")
            return $service
        }
        Start-Sleep -Milliseconds 200
    }

    Stop-LocalCommerceService -Service $service
    throw "The local commerce service did not start within $Timeout."
}

function Get-SeededServiceFolder {
    <#
        The folder of a service started once in this process on no database with the demo seed, then stopped: its
        database, keys and certificate, which Start-LocalCommerceService copies. Its name carries this pwsh's process
        id: Invoke-PesterSuite.ps1 deletes it when its files have run, and making one deletes those of pwsh
        processes that have ended (after an Invoke-Pester of a contributor's own, say).
    #>
    param([Parameter(Mandatory)] [string] $RepositoryRoot)

    $seeded = [MSCommerceTests.SeededService]::Folder
    if (-not $seeded -or -not (Test-Path $seeded)) {
        Get-ChildItem -Path ([System.IO.Path]::GetTempPath()) -Directory -Filter 'mscommerce-pester-seeded-*' |
            Where-Object { $_.Name -match '^mscommerce-pester-seeded-(\d+)-' -and -not (Get-Process -Id $Matches[1] -ErrorAction SilentlyContinue) } |
            Remove-Item -Recurse -Force -ErrorAction SilentlyContinue
        $seeded = Join-Path ([System.IO.Path]::GetTempPath()) "mscommerce-pester-seeded-$PID-$([guid]::NewGuid().ToString('N'))"
        $service = Start-LocalCommerceService -RepositoryRoot $RepositoryRoot -FirstStart -Folder $seeded
        $service.Process.Kill($true)
        if (-not $service.Process.WaitForExit(20000)) { throw "The local commerce service (process $($service.Process.Id)) did not stop within 20 s." }
        $service.Process.Dispose()
        [MSCommerceTests.SeededService]::Folder = $seeded
    }

    $seeded
}

function Connect-LocalCommerceService {
    <# Signs in to the local service as its demo read-write app, through MSAL, trusting the service's certificate. #>
    param([Parameter(Mandatory)] $Service, [switch] $PassThru)

    $demo = Get-LocalDemoData
    $secret = ConvertTo-SecureString $demo.AutomationClientSecret -AsPlainText -Force
    Connect-MSCommerce -Endpoint $Service.BaseAddress -TrustedCertificate $Service.Certificate `
        -TenantId $demo.ContosoDomain -ClientId $demo.AutomationClientId -ClientSecret $secret -PassThru:$PassThru
}

function Stop-LocalCommerceService {
    <# Stops the service and anything it started, waiting a bounded time, then deletes its folder. #>
    param(
        [Parameter(Mandatory)] $Service,
        [TimeSpan] $Timeout = [TimeSpan]::FromSeconds(20)
    )

    if ($Service.PSObject.Properties['Admin'] -and $Service.Admin) { $Service.Admin.Dispose() }
    $process = $Service.Process
    if (-not $process.HasExited) {
        $process.Kill($true)
        if (-not $process.WaitForExit([int]$Timeout.TotalMilliseconds)) {
            throw "The local commerce service (process $($process.Id)) did not stop within $Timeout."
        }
    }
    $process.Dispose()
    Remove-Item -Path $Service.Folder -Recurse -Force -ErrorAction SilentlyContinue
}

# Test controls of the local service (/_admin), over HTTPS pinned to the service's own certificate:
# validation stays on, and only that certificate is trusted.
if (-not ('MSCommerceTests.PinnedHttp' -as [type])) {
    Add-Type -TypeDefinition @'
namespace MSCommerceTests
{
    public static class PinnedHttp
    {
        public static System.Net.Http.HttpClient Create(System.Uri baseAddress, string thumbprint)
        {
            var handler = new System.Net.Http.HttpClientHandler();
            handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                certificate != null && string.Equals(certificate.Thumbprint, thumbprint, System.StringComparison.OrdinalIgnoreCase);
            return new System.Net.Http.HttpClient(handler) { BaseAddress = baseAddress };
        }
    }
}
'@
}

if (-not ('MSCommerceTests.DemoDataCache' -as [type])) {
    Add-Type -TypeDefinition 'namespace MSCommerceTests { public static class DemoDataCache { public static object Value; } public static class SeededService { public static string Folder; } }'
}

function Get-LocalDemoData {
    <#
        The demo identities (tenants, people, apps, secrets, purchase ids) as the built service's
        MSCommerce.Stub.DemoData declares them, read once per process from its assembly in a load
        context of their own that is unloaded again: the one source for the C# and the Pester tests.
    #>
    if (-not [MSCommerceTests.DemoDataCache]::Value) {
        $executable = Get-LocalCommerceServiceExecutable -RepositoryRoot (Join-Path $PSScriptRoot '..' '..')
        $context = [System.Runtime.Loader.AssemblyLoadContext]::new('MSCommerce demo data', $true)
        try {
            $type = $context.LoadFromAssemblyPath((Join-Path (Split-Path $executable) 'MSCommerce.Stub.dll')).GetType('MSCommerce.Stub.DemoData', $true)
            $constants = [ordered]@{}
            foreach ($field in $type.GetFields([System.Reflection.BindingFlags] 'Public, Static') | Where-Object IsLiteral) {
                $constants[$field.Name] = $field.GetRawConstantValue()
            }
            [MSCommerceTests.DemoDataCache]::Value = [pscustomobject]$constants
        }
        finally {
            $context.Unload()
        }
    }

    [MSCommerceTests.DemoDataCache]::Value
}

function Invoke-LocalServiceAdmin {
    <# Calls a test control of the local service and returns its JSON answer as objects. #>
    param(
        [Parameter(Mandatory)] $Service,
        [Parameter(Mandatory)] [ValidateSet('GET', 'POST', 'PUT', 'DELETE')] [string] $Method,
        [Parameter(Mandatory)] [string] $Path,
        [object] $Body
    )

    if (-not $Service.PSObject.Properties['Admin']) {
        $Service | Add-Member -NotePropertyName Admin -NotePropertyValue ([MSCommerceTests.PinnedHttp]::Create($Service.BaseAddress, $Service.Certificate.Thumbprint))
    }

    $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::new($Method), "_admin/$Path")
    if ($PSBoundParameters.ContainsKey('Body')) {
        $request.Content = [System.Net.Http.StringContent]::new(($Body | ConvertTo-Json -Depth 5), [System.Text.Encoding]::UTF8, 'application/json')
    }

    $response = $Service.Admin.SendAsync($request).GetAwaiter().GetResult()
    $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
    if (-not $response.IsSuccessStatusCode) {
        throw "$Method /_admin/$Path answered $([int]$response.StatusCode): $text"
    }

    if ($text) { $text | ConvertFrom-Json }
}

function Get-LocalCatalogSize {
    <# How many products the local service's catalog holds: every tenant's product policy list has as many. #>
    param([Parameter(Mandatory)] $Service)

    @(Invoke-LocalServiceAdmin -Service $Service -Method GET -Path 'catalog').Count
}

function Get-LocalServiceToken {
    <# A token the local service issues for a user, as its token endpoint would. #>
    param(
        [Parameter(Mandatory)] $Service,
        [Parameter(Mandatory)] [string] $UserPrincipalName,
        [string] $Tenant = (Get-LocalDemoData).ContosoDomain
    )

    (Invoke-LocalServiceAdmin -Service $Service -Method POST -Path 'tokens' -Body @{ tenant = $Tenant; userPrincipalName = $UserPrincipalName }).accessToken
}

function Connect-LocalCommerceServiceAs {
    <# Signs in to the local service with a token issued for the given user; returns the connection. #>
    param(
        [Parameter(Mandatory)] $Service,
        [Parameter(Mandatory)] [string] $UserPrincipalName,
        [string] $Tenant = (Get-LocalDemoData).ContosoDomain
    )

    $token = ConvertTo-SecureString (Get-LocalServiceToken -Service $Service -UserPrincipalName $UserPrincipalName -Tenant $Tenant) -AsPlainText -Force
    Connect-MSCommerce -Endpoint $Service.BaseAddress -TrustedCertificate $Service.Certificate -AccessToken $token -PassThru
}

function New-IsolatedTenant {
    <# A tenant of its own with a Global Administrator, so that a test's changes touch nothing else. #>
    param([Parameter(Mandatory)] $Service)

    $domain = "t$([guid]::NewGuid().ToString('N')).onmicrosoft.com"
    $null = Invoke-LocalServiceAdmin -Service $Service -Method POST -Path 'tenants' -Body @{ domain = $domain; country = 'US'; tenantType = 'Commercial' }
    $null = Invoke-LocalServiceAdmin -Service $Service -Method POST -Path "tenants/$domain/users" -Body @{ userPrincipalName = "admin@$domain"; roles = @('GlobalAdministrator') }
    [pscustomobject]@{ Domain = $domain; AdminUpn = "admin@$domain" }
}

function Connect-IsolatedTenant {
    <# A tenant of its own (New-IsolatedTenant), signed in as its Global Administrator as the default connection; returns the tenant. #>
    param([Parameter(Mandatory)] $Service)

    $tenant = New-IsolatedTenant -Service $Service
    $null = Connect-LocalCommerceServiceAs -Service $Service -UserPrincipalName $tenant.AdminUpn -Tenant $tenant.Domain
    $tenant
}

function Start-MSCommerceTestSession {
    <# What every test file starts with: the local service as its own process, and the built module imported. #>
    param([Parameter(Mandatory)] [string] $TestRoot)

    $service = Start-LocalCommerceService -RepositoryRoot (Resolve-Path (Join-Path $TestRoot '..' '..'))
    Import-Module (Get-MSCommerceManifestPath -TestRoot $TestRoot) -Force -Global
    $service
}

function Stop-MSCommerceTestSession {
    param($Service)

    Remove-Module SelfServicePurchase -ErrorAction SilentlyContinue
    if ($Service) { Stop-LocalCommerceService -Service $Service }
}

function Get-MSCommerceManifestPath {
    <# The file users import: the module laid out by the build. #>
    param([Parameter(Mandatory)] [string] $TestRoot)

    Join-Path (Resolve-Path (Join-Path $TestRoot '..' '..')) 'out' 'SelfServicePurchase' 'SelfServicePurchase.psd1'
}

function Get-ModuleRuntimeIdentifier {
    <#
        This machine's runtime identifier as the built module's load context names it, e.g. linux-x64: asked of
        the module's own rule (src/MSCommerce/Loading/ReadyToRunFolder.cs), read from its assembly without running
        its import, so that the suite never keeps a second copy of the rule.
    #>
    $assembly = Join-Path (Split-Path (Get-MSCommerceManifestPath -TestRoot $PSScriptRoot)) 'MSCommerce.dll'
    $rule = [System.Reflection.Assembly]::LoadFrom($assembly).GetType('MSCommerce.Loading.ReadyToRunFolder', $true)
    $rule.GetMethod('RuntimeIdentifier', [type[]]@()).Invoke($null, @())
}

function Invoke-FreshPwsh {
    <#
        Runs a script in a new process of the pwsh running this suite, as a user's new console would
        (no profile), with the given arguments; returns its exit code, output and errors. Bounded by a deadline.
        -WhileRunning is called with the process once it has started, for a test that must act while the
        script runs (approve a device code); if it throws, the process is stopped with its tree.
        -Environment sets (or, with $null, removes) environment variables of the new process only;
        -WorkingDirectory is its current directory (this process's by default).
    #>
    param(
        [Parameter(Mandatory)] [string] $Script,
        [string[]] $ArgumentList = @(),
        [hashtable] $Environment = @{},
        [string] $WorkingDirectory,
        [TimeSpan] $Timeout = [TimeSpan]::FromSeconds(120),
        [scriptblock] $WhileRunning
    )

    $folder = Join-Path ([System.IO.Path]::GetTempPath()) "mscommerce-pwsh-$([guid]::NewGuid().ToString('N'))"
    $null = New-Item -ItemType Directory -Path $folder
    try {
        $scriptPath = Join-Path $folder 'script.ps1'
        Set-Content -Path $scriptPath -Value $Script -Encoding utf8
        $start = [System.Diagnostics.ProcessStartInfo]::new()
        $apphost = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
        if (Test-Path $apphost) {
            $start.FileName = $apphost
        }
        else {
            # pwsh as a .NET tool runs as 'dotnet pwsh.dll'.
            $start.FileName = [Environment]::ProcessPath
            $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
        }
        foreach ($argument in @('-NoLogo', '-NoProfile', '-NonInteractive', '-File', $scriptPath) + $ArgumentList) {
            $start.ArgumentList.Add($argument)
        }
        if ($WorkingDirectory) { $start.WorkingDirectory = $WorkingDirectory }
        foreach ($name in $Environment.Keys) {
            if ($null -eq $Environment[$name]) { $null = $start.Environment.Remove($name) } else { $start.Environment[$name] = [string]$Environment[$name] }
        }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($start)
        try {
            $output = $process.StandardOutput.ReadToEndAsync()
            $errors = $process.StandardError.ReadToEndAsync()
            if ($WhileRunning) {
                try {
                    & $WhileRunning $process
                }
                catch {
                    $process.Kill($true)
                    $null = $process.WaitForExit(10000)
                    throw
                }
            }
            if (-not $process.WaitForExit([int]$Timeout.TotalMilliseconds)) {
                $process.Kill($true)
                $null = $process.WaitForExit(10000)
                throw "pwsh did not finish within $Timeout."
            }
            if (-not [System.Threading.Tasks.Task]::WaitAll(@($output, $errors), 10000)) {
                throw 'pwsh exited, but something it started still holds its output.'
            }
            [pscustomobject]@{
                ExitCode = $process.ExitCode
                Output   = $output.GetAwaiter().GetResult()
                Errors   = $errors.GetAwaiter().GetResult()
            }
        }
        finally {
            $process.Dispose()
        }
    }
    finally {
        Remove-Item -Path $folder -Recurse -Force -ErrorAction SilentlyContinue
    }
}

# What a test file that dot-sources this one names the demo identities by: $DemoData.AdminUpn, $DemoData.ContosoDomain...
$DemoData = Get-LocalDemoData
