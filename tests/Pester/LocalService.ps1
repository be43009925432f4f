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
    $baseAddress = "http://127.0.0.1:$port/"
    $project = Join-Path $RepositoryRoot 'src' 'MSCommerce.Stub'
    $arguments = @('run', '--project', $project, '-c', 'Release', '--no-build', '--',
        '--urls', "http://127.0.0.1:$port", '--db', (Join-Path $folder 'commerce.db'), '--seed', 'demo')
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -PassThru -NoNewWindow `
        -RedirectStandardOutput (Join-Path $folder 'stdout.txt') -RedirectStandardError (Join-Path $folder 'stderr.txt')

    $deadline = [DateTime]::UtcNow + $Timeout
    while ([DateTime]::UtcNow -lt $deadline) {
        if ($process.HasExited) {
            throw "The local commerce service exited with code $($process.ExitCode): $(Get-Content (Join-Path $folder 'stderr.txt') -Raw)"
        }
        try {
            $null = Invoke-WebRequest -Uri "$($baseAddress)v1.0/policies/AllowSelfServicePurchase/products" -SkipHttpErrorCheck -TimeoutSec 2
            return [pscustomobject]@{ BaseAddress = [uri]$baseAddress; Process = $process; Folder = $folder }
        }
        catch {
            Start-Sleep -Milliseconds 200
        }
    }

    Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
    throw "The local commerce service did not answer on $baseAddress within $Timeout."
}

function Stop-LocalCommerceService {
    param([Parameter(Mandatory)] $Service)

    if (-not $Service.Process.HasExited) {
        Stop-Process -Id $Service.Process.Id -Force
        $Service.Process.WaitForExit()
    }
    Remove-Item -Path $Service.Folder -Recurse -Force -ErrorAction SilentlyContinue
}
