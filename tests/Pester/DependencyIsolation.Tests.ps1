#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Dependency isolation (DESIGN.md): the module loads beside Az, Microsoft.Graph and any other
    module, in any order. Older copies of our dependencies, as another module would bring them, are
    loaded before and after ours in real pwsh; each case runs in a new pwsh process, because which
    copy of an assembly wins is decided once per process.

    The older copies are downloaded by MSCommerce.Pester.Tests.csproj (PackageDownload). Of each
    package, the folder a module built for pwsh 7.4+ (net8.0) would ship: MSAL 4.61.3 and
    IdentityModel.Abstractions 6.35.0 from lib/net6.0, Polly.Core 8.4.2 from lib/net8.0 (its net6.0
    and netstandard2.0 builds would also need Microsoft.Bcl.TimeProvider), Microsoft.Bcl.AsyncInterfaces
    8.0.0 from lib/netstandard2.1. pwsh ships its own Microsoft.Bcl.AsyncInterfaces (10.0), so that
    last Add-Type quietly returns pwsh's copy: it is loaded anyway, as another module would.
    Polly.Core's assembly version is 8.0.0.0 in every 8.x release: its file version tells them apart.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')

    # The assemblies that must stay out of the default load context, in the module's own one instead
    # (on PowerShell 7 the client and Polly are their net8.0 builds, which need no Microsoft.Bcl.TimeProvider).
    $script:isolatedNames = 'MSCommerce.Client', 'Microsoft.Identity.Client', 'Microsoft.IdentityModel.Abstractions', 'Polly.Core'

    $script:service = Start-LocalCommerceService -RepositoryRoot (Resolve-Path (Join-Path $PSScriptRoot '..' '..'))
    $script:catalogSize = Get-LocalCatalogSize -Service $script:service
    $script:manifest = Get-MSCommerceManifestPath -TestRoot $PSScriptRoot
    $script:dependencies = Join-Path (Split-Path $script:manifest) 'dependencies'

    function Get-OlderDependencyCopy {
        <# The older copies another module would load, in load order; from the NuGet packages folder. #>
        $root = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget' 'packages' }
        $copies = @(
            @{ Id = 'Microsoft.IdentityModel.Abstractions'; Version = '6.35.0'; Framework = 'net6.0' }
            @{ Id = 'Microsoft.Identity.Client'; Version = '4.61.3'; Framework = 'net6.0' }
            @{ Id = 'Polly.Core'; Version = '8.4.2'; Framework = 'net8.0' }
            @{ Id = 'Microsoft.Bcl.AsyncInterfaces'; Version = '8.0.0'; Framework = 'netstandard2.1' }
        )
        foreach ($copy in $copies) {
            $path = Join-Path $root $copy.Id.ToLowerInvariant() $copy.Version 'lib' $copy.Framework "$($copy.Id).dll"
            if (-not (Test-Path $path)) {
                throw "$($copy.Id) $($copy.Version) is not in $root : run 'dotnet restore tests/Pester/MSCommerce.Pester.Tests.csproj' first."
            }
            $path
        }
    }

    function Invoke-IsolationCase {
        <#
            Runs one case in a new pwsh process: the common part below, then the case's own script, which
            fills $seen. Each step records its error instead of stopping the script; the findings are the
            last line of the output, as JSON.
        #>
        param([Parameter(Mandatory)] [string] $Script, [hashtable] $Context = @{}, [scriptblock] $WhileRunning)

        $Context.Manifest = $script:manifest
        $Context.Endpoint = $script:service.BaseAddress.ToString()
        $Context.ServiceFolder = $script:service.Folder
        $Context.OlderCopies = @(Get-OlderDependencyCopy)
        $Context.IsolatedNames = $script:isolatedNames
        $common = @'
param([Parameter(Mandatory)] [string] $ContextJson)
$ErrorActionPreference = 'Stop'
$context = $ContextJson | ConvertFrom-Json
$certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new((Join-Path $context.ServiceFolder 'commerce.db.cer'))
$common = @{ Endpoint = $context.Endpoint; TrustedCertificate = $certificate }
$seen = [ordered]@{ Failures = [ordered]@{} }

function Step([string] $Name, [scriptblock] $Body) {
    try { & $Body }
    catch {
        $messages = for ($exception = $_.Exception; $exception; $exception = $exception.InnerException) { "$($exception.GetType().FullName): $($exception.Message)" }
        $seen.Failures[$Name] = "$($_.FullyQualifiedErrorId) | $($messages -join ' ---> ')"
    }
}

function Add-OlderCopy { foreach ($path in $context.OlderCopies) { Add-Type -Path $path } }

function Connect-WithSecret([switch] $PassThru) {
    $secret = ConvertTo-SecureString 'contoso-demo-secret' -AsPlainText -Force
    Connect-MSCommerce @common -TenantId contoso.onmicrosoft.com -ClientId 22222222-2222-2222-2222-222222222222 -ClientSecret $secret -PassThru:$PassThru
}

function Get-FileVersion($Assembly) { ([version][System.Diagnostics.FileVersionInfo]::GetVersionInfo($Assembly.Location).FileVersion).ToString(3) }

function Get-LoadContextReport {
    # Every load context holding one of the isolated assemblies, with where each was loaded from.
    foreach ($loadContext in [System.Runtime.Loader.AssemblyLoadContext]::All) {
        $held = @($loadContext.Assemblies | Where-Object { $_.GetName().Name -in $context.IsolatedNames })
        if ($held.Count -gt 0) {
            [ordered]@{
                Name       = $loadContext.Name
                Id         = [System.Runtime.CompilerServices.RuntimeHelpers]::GetHashCode($loadContext)
                IsDefault  = [object]::ReferenceEquals($loadContext, [System.Runtime.Loader.AssemblyLoadContext]::Default)
                Assemblies = @($held | ForEach-Object { [ordered]@{ Name = $_.GetName().Name; Version = "$($_.GetName().Version)"; Location = $_.Location } })
            }
        }
    }
}

'@
        $run = Invoke-FreshPwsh -Script ($common + $Script + "`n`$seen | ConvertTo-Json -Depth 8 -Compress`nexit [int](`$seen.Failures.Count -gt 0)`n") `
            -ArgumentList ($Context | ConvertTo-Json -Depth 4 -Compress) -WhileRunning $WhileRunning -Timeout ([TimeSpan]::FromSeconds(180))
        $last = @($run.Output -split "`r?`n" | Where-Object { $_.StartsWith('{') })
        if ($last.Count -eq 0) {
            throw "pwsh printed no findings (exit code $($run.ExitCode)). Output: $($run.Output) Errors: $($run.Errors)"
        }
        $run | Add-Member -NotePropertyName Seen -NotePropertyValue ($last[-1] | ConvertFrom-Json) -PassThru
    }

    function Approve-DeviceCode {
        <# Waits, with a deadline, for the new process to show its device code in a file, and approves it. #>
        param([Parameter(Mandatory)] $Process, [Parameter(Mandatory)] [string] $Path, [string] $UserPrincipalName = 'admin@contoso.onmicrosoft.com')

        $deadline = [DateTime]::UtcNow.AddSeconds(90)
        while ([DateTime]::UtcNow -lt $deadline -and -not $Process.HasExited) {
            if ((Test-Path $Path) -and (Get-Content $Path -Raw) -match 'enter the code (\w+) to authenticate') {
                $null = Invoke-LocalServiceAdmin -Service $script:service -Method POST -Path "device-codes/$($Matches[1])/approve" -Body @{ userPrincipalName = $UserPrincipalName }
                return
            }
            Start-Sleep -Milliseconds 200
        }
        # A process that stopped before asking has failed by itself; its findings say why.
        if (-not $Process.HasExited) { throw "pwsh showed no device code in $Path within 90 seconds." }
    }

    $script:loadFailure = 'Could not load file or assembly|MissingMethodException|MissingFieldException|TypeLoadException'
}

AfterAll {
    if ($script:service) { Stop-LocalCommerceService -Service $script:service }
}

Describe 'Older copies of MSAL, IdentityModel and Polly loaded first, then the module' {
    BeforeAll {
        $tenant = New-IsolatedTenant -Service $script:service
        $deviceCodeFile = Join-Path $script:service.Folder "device-code-$([guid]::NewGuid().ToString('N')).txt"
        $script:run = Invoke-IsolationCase -Context @{
            DeviceCodeFile = $deviceCodeFile
            TenantToken    = Get-LocalServiceToken -Service $script:service -UserPrincipalName $tenant.AdminUpn -Tenant $tenant.Domain
        } -WhileRunning { param($process) Approve-DeviceCode -Process $process -Path $deviceCodeFile } -Script @'
Add-OlderCopy
$seen.OlderMsal = "$([Microsoft.Identity.Client.PublicClientApplication].Assembly.GetName().Version)"
$seen.OlderAbstractions = "$([Microsoft.IdentityModel.Abstractions.IIdentityLogger].Assembly.GetName().Version)"
$seen.OlderPolly = Get-FileVersion ([Polly.ResiliencePipeline].Assembly)
Import-Module $context.Manifest

Step ClientSecret {
    Connect-WithSecret
    $seen.SecretMethod = (Get-MSCommerceConnection).AuthMethod
    $seen.Policies = @(Get-MSCommercePolicies).Count
    $seen.ProductPolicies = @(Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase).Count
    $null = Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0H9MP -Value Disabled -WhatIf
    $baseline = Join-Path ([System.IO.Path]::GetTempPath()) "isolation-$PID.json"
    try {
        Export-MSCommercePolicyBaseline -Path $baseline -Force
        $seen.BaselineInSync = Test-MSCommercePolicyBaseline -Path $baseline
        Sync-MSCommercePolicyBaseline -Path $baseline -WhatIf
    }
    finally { Remove-Item $baseline -ErrorAction SilentlyContinue }
    $seen.Purchases = @(Get-MSCommerceSelfServicePurchases).Count
    Disconnect-MSCommerce
    $seen.SecretDisconnected = $null -eq (Get-MSCommerceConnection)
}

Step Certificate {
    Connect-MSCommerce @common -TenantId contoso.onmicrosoft.com -ClientId 55555555-5555-5555-5555-555555555555 -CertificatePath (Join-Path $context.ServiceFolder 'commerce.db.demo-app.pfx')
    $seen.CertificateMethod = (Get-MSCommerceConnection).AuthMethod
    $seen.CertificateProductPolicies = @(Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase).Count
    Disconnect-MSCommerce
}

Step DeviceCode {
    # The warning that shows the code goes to a file, which the test reads while this waits for approval.
    Connect-MSCommerce @common -UseDeviceCode -ContextScope Process 3> $context.DeviceCodeFile
    $seen.DeviceCodeAccount = (Get-MSCommerceConnection).Account
    $seen.DeviceCodePurchases = @(Get-MSCommerceSelfServicePurchases).Count
    Disconnect-MSCommerce
}

Step UpdateInOwnTenant {
    Connect-MSCommerce @common -AccessToken (ConvertTo-SecureString $context.TenantToken -AsPlainText -Force)
    $null = Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0H9MP -Value Disabled
    $seen.UpdatedValue = (Get-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0H9MP).PolicyValue
    Disconnect-MSCommerce
}
$seen.MsalAfter = "$([Microsoft.Identity.Client.PublicClientApplication].Assembly.GetName().Version)"
'@
        $script:seen = $script:run.Seen
    }

    It 'really has the older copies loaded before the module' {
        $script:seen.OlderMsal | Should -Be '4.61.3.0'
        $script:seen.OlderAbstractions | Should -Be '6.35.0.0'
        $script:seen.OlderPolly | Should -Be '8.4.2'
    }

    It 'loads every assembly it needs: no step fails, nothing fails to load' {
        $script:seen.Failures.PSObject.Properties | ForEach-Object { "$($_.Name): $($_.Value)" } | Should -BeNullOrEmpty
        "$($script:run.Output)$($script:run.Errors)" | Should -Not -Match $script:loadFailure
        $script:run.Errors | Should -BeNullOrEmpty
        $script:run.ExitCode | Should -Be 0
    }

    It 'signs in with a client secret and runs every cmdlet family' {
        $script:seen.SecretMethod | Should -Be 'ClientSecret'
        $script:seen.Policies | Should -Be 1
        $script:seen.ProductPolicies | Should -Be $script:catalogSize
        $script:seen.BaselineInSync | Should -BeTrue
        $script:seen.Purchases | Should -Be 9
        $script:seen.SecretDisconnected | Should -BeTrue
    }

    It 'signs in with a certificate' {
        $script:seen.CertificateMethod | Should -Be 'Certificate'
        $script:seen.CertificateProductPolicies | Should -Be $script:catalogSize
    }

    It 'signs in with a device code' {
        $script:seen.DeviceCodeAccount | Should -Be $DemoData.AdminUpn
        $script:seen.DeviceCodePurchases | Should -Be 9
    }

    It 'changes a product policy' {
        $script:seen.UpdatedValue | Should -Be 'Disabled'
    }

    It 'leaves the older MSAL to the module that loaded it' {
        $script:seen.MsalAfter | Should -Be '4.61.3.0'
    }
}

Describe 'The module first, then older copies of MSAL and Polly in the same session' {
    BeforeAll {
        $script:run = Invoke-IsolationCase -Script @'
Import-Module $context.Manifest
Step SignIn {
    Connect-WithSecret
    $seen.ProductPoliciesBefore = @(Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase).Count
}

Step OlderCopies { Add-OlderCopy }
Step OlderMsal {
    $app = [Microsoft.Identity.Client.PublicClientApplicationBuilder]::Create('11111111-1111-1111-1111-111111111111').Build()
    $seen.OlderMsal = "$($app.GetType().Assembly.GetName().Version)"
    $seen.OlderMsalClientId = $app.AppConfig.ClientId
}
Step OlderPolly {
    $builder = [Polly.TimeoutResiliencePipelineBuilderExtensions]::AddTimeout([Polly.ResiliencePipelineBuilder]::new(), [TimeSpan]::FromSeconds(5))
    $pipeline = $builder.Build()
    $seen.OlderPolly = Get-FileVersion $pipeline.GetType().Assembly
    $seen.OlderPollyResult = $pipeline.Execute([Func[int]] { 42 })
}

Step ModuleAfter {
    $seen.ProductPoliciesAfter = @(Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase).Count
    $seen.PurchasesAfter = @(Get-MSCommerceSelfServicePurchases).Count
    # A new sign-in, through the module's own MSAL, with the older one loaded.
    Connect-MSCommerce @common -TenantId contoso.onmicrosoft.com -ClientId 55555555-5555-5555-5555-555555555555 -CertificatePath (Join-Path $context.ServiceFolder 'commerce.db.demo-app.pfx')
    $seen.CertificateMethod = (Get-MSCommerceConnection).AuthMethod
    $seen.CertificateProductPolicies = @(Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase).Count
    Disconnect-MSCommerce
}
'@
        $script:seen = $script:run.Seen
    }

    It 'signs in and lists the product policies before the older copies come' {
        $script:seen.Failures.SignIn | Should -BeNullOrEmpty
        $script:seen.ProductPoliciesBefore | Should -Be $script:catalogSize
    }

    It 'lets the older copies load: <_>' -ForEach 'OlderCopies', 'OlderMsal', 'OlderPolly' {
        $script:seen.Failures.$_ | Should -BeNullOrEmpty
    }

    It 'builds an app with the older MSAL' {
        $script:seen.OlderMsal | Should -Be '4.61.3.0'
        $script:seen.OlderMsalClientId | Should -Be '11111111-1111-1111-1111-111111111111'
    }

    It 'builds and runs a pipeline with the older Polly' {
        $script:seen.OlderPolly | Should -Be '8.4.2'
        $script:seen.OlderPollyResult | Should -Be 42
    }

    It 'keeps working, and signs in again, with the older copies loaded' {
        $script:seen.Failures.ModuleAfter | Should -BeNullOrEmpty
        $script:seen.ProductPoliciesAfter | Should -Be $script:catalogSize
        $script:seen.PurchasesAfter | Should -Be 9
        $script:seen.CertificateMethod | Should -Be 'Certificate'
        $script:seen.CertificateProductPolicies | Should -Be $script:catalogSize
    }

    It 'fails nowhere to load an assembly' {
        "$($script:run.Output)$($script:run.Errors)" | Should -Not -Match $script:loadFailure
        $script:run.Errors | Should -BeNullOrEmpty
        $script:run.ExitCode | Should -Be 0
    }
}

Describe 'A clean session: the dependencies in a load context of their own' {
    BeforeAll {
        $script:run = Invoke-IsolationCase -Script @'
Import-Module $context.Manifest
Step SignIn {
    Connect-WithSecret
    $seen.Purchases = @(Get-MSCommerceSelfServicePurchases).Count
}
$seen.CmdletAssemblyInDefault = [object]::ReferenceEquals([System.Runtime.Loader.AssemblyLoadContext]::Default,
    [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext((Get-Command Connect-MSCommerce).ImplementingType.Assembly))
$seen.Contexts = @(Get-LoadContextReport)
'@
        $script:seen = $script:run.Seen
        $script:contexts = @($script:seen.Contexts)
        $script:ownContexts = @($script:contexts | Where-Object { -not $_.IsDefault })
    }

    It 'signs in and lists the purchases' {
        $script:seen.Failures.PSObject.Properties | ForEach-Object { "$($_.Name): $($_.Value)" } | Should -BeNullOrEmpty
        $script:seen.Purchases | Should -Be 9
        $script:run.ExitCode | Should -Be 0
    }

    It 'loads the cmdlet assembly into the default load context' {
        $script:seen.CmdletAssemblyInDefault | Should -BeTrue
    }

    It 'loads none of the dependencies into the default load context' {
        @($script:contexts | Where-Object IsDefault | ForEach-Object { $_.Assemblies } | ForEach-Object { "$($_.Name) $($_.Version) from $($_.Location)" }) |
            Should -BeNullOrEmpty
    }

    It 'loads them all into one load context of its own' {
        $script:ownContexts.Count | Should -Be 1 -Because "one private load context holds them ($(($script:contexts | ForEach-Object { "'$($_.Name)' default=$($_.IsDefault): $($_.Assemblies.Name -join ', ')" }) -join '; '))"
        @($script:ownContexts[0].Assemblies.Name | Sort-Object) | Should -Be @($script:isolatedNames | Sort-Object)
    }

    It 'loads each of them once, from the module''s dependencies folder' {
        $folder = "$([WildcardPattern]::Escape($script:dependencies))*"
        $wrong = foreach ($name in $script:isolatedNames) {
            $assembly = @($script:ownContexts | ForEach-Object { $_.Assemblies } | Where-Object Name -EQ $name)
            if ($assembly.Count -ne 1 -or $assembly[0].Location -notlike $folder) { "$name from '$($assembly.Location -join "', '")'" }
        }
        $wrong | Should -BeNullOrEmpty -Because "every one comes from $($script:dependencies)"
    }
}

Describe 'Two connections to two tenants in ForEach-Object -Parallel' {
    BeforeAll {
        $script:run = Invoke-IsolationCase -Context @{
            FabrikamToken = Get-LocalServiceToken -Service $script:service -UserPrincipalName $DemoData.PartnerUpn -Tenant $DemoData.FabrikamDomain
        } -Script @'
Import-Module $context.Manifest
Step Parallel {
    $contoso = Connect-WithSecret -PassThru
    $fabrikam = Connect-MSCommerce @common -AccessToken (ConvertTo-SecureString $context.FabrikamToken -AsPlainText -Force) -PassThru
    $seen.Tenants = [ordered]@{ Contoso = $contoso.TenantId; Fabrikam = $fabrikam.TenantId }
    $manifest = $context.Manifest
    $seen.Runspaces = @($contoso, $fabrikam | ForEach-Object -ThrottleLimit 2 -TimeoutSeconds 120 -Parallel {
        $ErrorActionPreference = 'Stop'
        Import-Module $using:manifest
        $purchases = @(Get-MSCommerceSelfServicePurchases -Connection $_)
        $policies = @(Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase -Connection $_)
        [ordered]@{
            TenantId        = $_.TenantId
            Runspace        = [runspace]::DefaultRunspace.InstanceId
            Purchases       = $purchases.Count
            ProductPolicies = $policies.Count
            # The load contexts that hold MSCommerce.Client, as this runspace sees the process.
            ClientContexts  = @([System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object { @($_.Assemblies | ForEach-Object { $_.GetName().Name }) -contains 'MSCommerce.Client' } |
                ForEach-Object { [System.Runtime.CompilerServices.RuntimeHelpers]::GetHashCode($_) })
        }
    })
}
$seen.Contexts = @(Get-LoadContextReport)
'@
        $script:seen = $script:run.Seen
    }

    It 'runs both runspaces without an error' {
        $script:seen.Failures.PSObject.Properties | ForEach-Object { "$($_.Name): $($_.Value)" } | Should -BeNullOrEmpty
        "$($script:run.Output)$($script:run.Errors)" | Should -Not -Match $script:loadFailure
        $script:run.ExitCode | Should -Be 0
    }

    It 'uses each runspace''s own connection: <Name> sees its own purchases' -ForEach @(
        @{ Name = 'Contoso'; Purchases = 9 }
        @{ Name = 'Fabrikam'; Purchases = 1 }
    ) {
        $tenantId = $script:seen.Tenants.$Name
        $tenantId | Should -Not -BeNullOrEmpty
        $result = @($script:seen.Runspaces | Where-Object TenantId -EQ $tenantId)
        $result.Count | Should -Be 1
        $result[0].Purchases | Should -Be $Purchases
        $result[0].ProductPolicies | Should -Be $script:catalogSize
    }

    It 'runs in two runspaces that share one private load context' {
        @($script:seen.Runspaces.Runspace | Sort-Object -Unique).Count | Should -Be 2
        $ownContexts = @($script:seen.Contexts | Where-Object { -not $_.IsDefault })
        $ownContexts.Count | Should -Be 1 -Because 'the process has one load context for the module, whatever the number of runspaces'
        foreach ($runspace in $script:seen.Runspaces) {
            @($runspace.ClientContexts) | Should -Be @($ownContexts[0].Id)
        }
    }
}

Describe 'Remove-Module, then Import-Module again' {
    BeforeAll {
        $script:run = Invoke-IsolationCase -Script @'
Import-Module $context.Manifest
Step SignIn { Connect-WithSecret }
$held = Get-MSCommerceConnection
Remove-Module SelfServicePurchase
$seen.Removed = $null -eq (Get-Module SelfServicePurchase)
Import-Module $context.Manifest
$seen.ConnectionAfterImport = $null -ne (Get-MSCommerceConnection)
try { Get-MSCommercePolicies; $seen.NotConnected = 'no error' } catch { $seen.NotConnected = $_.FullyQualifiedErrorId }
try { $null = Get-MSCommerceProductPolicies -Connection $held; $seen.HeldConnection = 'still works' } catch { $seen.HeldConnection = "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" }
Step SignInAgain {
    Connect-WithSecret
    $seen.ProductPolicies = @(Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase).Count
}
$seen.Contexts = @(Get-LoadContextReport)
'@
        $script:seen = $script:run.Seen
    }

    It 'removes the module and forgets the runspace''s connection' {
        $script:seen.Removed | Should -BeTrue
        $script:seen.ConnectionAfterImport | Should -BeFalse
        $script:seen.NotConnected | Should -BeLike 'NotConnected,*'
    }

    It 'ends the connection the runspace held: using it is the usual not-connected error' {
        $script:seen.HeldConnection | Should -Not -Be 'still works'
        $script:seen.HeldConnection | Should -BeLike 'NotConnected,*'
    }

    It 'signs in again after the second Import-Module' {
        $script:seen.Failures.PSObject.Properties | ForEach-Object { "$($_.Name): $($_.Value)" } | Should -BeNullOrEmpty
        $script:seen.ProductPolicies | Should -Be $script:catalogSize
        "$($script:run.Output)$($script:run.Errors)" | Should -Not -Match $script:loadFailure
        $script:run.ExitCode | Should -Be 0
    }

    It 'still has one private load context after the second import' {
        @($script:seen.Contexts | Where-Object { -not $_.IsDefault }).Count | Should -Be 1
        @($script:seen.Contexts | Where-Object IsDefault) | Should -BeNullOrEmpty
    }
}

Describe 'The manifest Windows PowerShell 5.1 imports' {
    # Windows PowerShell 5.1 cannot run here; what can be checked without it is the manifest it reads.
    # The folder layout 5.1 loads from (its AssemblyResolve handler) is checked once that layout exists.
    It 'is a valid module manifest' {
        { Test-ModuleManifest -Path $script:manifest -ErrorAction Stop } | Should -Not -Throw
    }

    It 'declares both editions and PowerShell 5.1' {
        $data = Import-PowerShellDataFile -Path $script:manifest
        $data.CompatiblePSEditions | Should -Contain 'Desktop'
        $data.CompatiblePSEditions | Should -Contain 'Core'
        $data.PowerShellVersion | Should -Be '5.1'
    }
}
