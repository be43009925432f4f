<#
    Starts and stops the local commerce service for the Pester suite: its own process, a free
    loopback port, a SQLite database in a temp folder that is deleted afterwards.
#>

function Get-FreeLoopbackPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    try {
        $listener.Start()
        $listener.LocalEndpoint.Port
    }
    finally {
        $listener.Stop()
    }
}

function Start-LocalCommerceService {
    param(
        [Parameter(Mandatory)] [string] $RepositoryRoot,
        [TimeSpan] $Timeout = [TimeSpan]::FromSeconds(60)
    )

    $folder = Join-Path ([System.IO.Path]::GetTempPath()) "mscommerce-pester-$([guid]::NewGuid().ToString('N'))"
    $null = New-Item -ItemType Directory -Path $folder
    $port = Get-FreeLoopbackPort
    $database = Join-Path $folder 'commerce.db'
    $project = Join-Path $RepositoryRoot 'src' 'MSCommerce.Stub'
    $arguments = @('run', '--project', $project, '-c', 'Release', '--no-build', '--',
        '--urls', "https://127.0.0.1:$port", '--db', $database, '--seed', 'demo', '--test-controls', '--rate-limit', '0')
    $stdout = Join-Path $folder 'stdout.txt'
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -PassThru -NoNewWindow `
        -RedirectStandardOutput $stdout -RedirectStandardError (Join-Path $folder 'stderr.txt')

    # The service prints where it listens once it is ready; its certificate is then beside the database.
    $deadline = [DateTime]::UtcNow + $Timeout
    while ([DateTime]::UtcNow -lt $deadline) {
        if ($process.HasExited) {
            throw "The local commerce service exited with code $($process.ExitCode): $(Get-Content (Join-Path $folder 'stderr.txt') -Raw)"
        }
        if ((Test-Path $stdout) -and (Select-String -Path $stdout -Pattern 'listening on' -Quiet)) {
            return [pscustomobject]@{
                BaseAddress = [uri]"https://127.0.0.1:$port/"
                Certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new("$database.cer")
                Process     = $process
                Folder      = $folder
            }
        }
        Start-Sleep -Milliseconds 200
    }

    Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
    throw "The local commerce service did not start on port $port within $Timeout."
}

function Connect-LocalCommerceService {
    <# Signs in to the local service as its demo read-write app, through MSAL, trusting the service's certificate. #>
    param([Parameter(Mandatory)] $Service, [switch] $PassThru)

    $secret = ConvertTo-SecureString 'contoso-demo-secret' -AsPlainText -Force
    Connect-MSCommerce -Endpoint $Service.BaseAddress -TrustedCertificate $Service.Certificate `
        -TenantId 'contoso.onmicrosoft.com' -ClientId '22222222-2222-2222-2222-222222222222' -ClientSecret $secret -PassThru:$PassThru
}

function Stop-LocalCommerceService {
    param([Parameter(Mandatory)] $Service)

    if (-not $Service.Process.HasExited) {
        Stop-Process -Id $Service.Process.Id -Force
        $Service.Process.WaitForExit()
    }
    Remove-Item -Path $Service.Folder -Recurse -Force -ErrorAction SilentlyContinue
}
