#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Connect-MSCommerce with every sign-in method the local service can complete; mirrors
    tests/MSCommerce.Module.Tests/SignInTests.cs.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $script:service = Start-MSCommerceTestSession -TestRoot $PSScriptRoot
    $script:common = @{ Endpoint = $script:service.BaseAddress; TrustedCertificate = $script:service.Certificate }
}

AfterAll {
    Stop-MSCommerceTestSession -Service $script:service
}

Describe 'Connect-MSCommerce' {
    AfterEach { Disconnect-MSCommerce }

    It 'signs in an app with a client secret, and never shows the secret' {
        $secret = ConvertTo-SecureString $DemoData.AutomationClientSecret -AsPlainText -Force

        $output = Connect-MSCommerce @script:common -TenantId $DemoData.ContosoDomain -ClientId $DemoData.AutomationClientId -ClientSecret $secret -PassThru -Verbose 4>&1 |
            Out-String

        $output | Should -Not -Match $DemoData.AutomationClientSecret
        (Get-MSCommerceConnection).AuthMethod | Should -Be 'ClientSecret'
        @(Get-MSCommerceProductPolicies).Count | Should -BeGreaterThan 0
    }

    It 'signs in the read-only app with -ClientSecretCredential, which can read but not change' {
        $credential = [pscredential]::new($DemoData.ReportingClientId, (ConvertTo-SecureString $DemoData.ReportingClientSecret -AsPlainText -Force))
        Connect-MSCommerce @script:common -TenantId $DemoData.ContosoDomain -ClientSecretCredential $credential

        @(Get-MSCommerceProductPolicies).Count | Should -BeGreaterThan 0
        $errors = $null
        Update-MSCommerceProductPolicy -ProductId CFQ7TTC0LH05 -Value Disabled -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'stops on a wrong client secret with an AuthenticationError' {
        $wrong = ConvertTo-SecureString 'not-the-secret' -AsPlainText -Force

        { Connect-MSCommerce @script:common -TenantId $DemoData.ContosoDomain -ClientId $DemoData.AutomationClientId -ClientSecret $wrong -ErrorAction Stop } |
            Should -Throw -ErrorId 'SignInFailed*'
    }

    It 'signs in the certificate app with -CertificatePath' {
        Connect-MSCommerce @script:common -TenantId $DemoData.ContosoDomain -ClientId $DemoData.CertificateClientId `
            -CertificatePath "$($script:service.Folder)/commerce.db.demo-app.pfx"

        (Get-MSCommerceConnection).AuthMethod | Should -Be 'Certificate'
    }

    It 'shows the device code through the host and signs in once the code is approved' {
        # A runspace of its own, so that the sign-in waiting for its code does not hold this one.
        $runspace = [powershell]::Create()
        $runspace.Runspace = [runspacefactory]::CreateRunspace()
        $runspace.Runspace.Open()
        try {
            $null = $runspace.AddScript('param($Manifest, $Common) Import-Module $Manifest; Connect-MSCommerce @Common -UseDeviceCode -ContextScope Process -PassThru').
                AddParameter('Manifest', (Get-MSCommerceManifestPath -TestRoot $PSScriptRoot)).AddParameter('Common', $script:common)
            $running = $runspace.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ($runspace.Streams.Warning.Count -eq 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            $message = $runspace.Streams.Warning[0].Message
            # Should -Match leaves no $Matches behind: take the code with -match itself.
            $message -match 'enter the code (\w+) to authenticate' | Should -BeTrue -Because "the host shows the code ($message)"
            $null = Invoke-LocalServiceAdmin -Service $script:service -Method POST -Path "device-codes/$($Matches[1])/approve" -Body @{ userPrincipalName = $DemoData.BillingAdminUpn }

            $connection = @($runspace.EndInvoke($running))[0]

            $runspace.Streams.Error | Should -BeNullOrEmpty

            $connection.Account | Should -Be $DemoData.BillingAdminUpn
            $connection.AuthMethod | Should -Be 'DeviceCode'
        }
        finally {
            $runspace.Runspace.Dispose()
            $runspace.Dispose()
        }
    }

    It 'keeps two connections to two tenants apart in one session' {
        $contoso = Connect-LocalCommerceServiceAs -Service $script:service -UserPrincipalName $DemoData.AdminUpn
        $fabrikam = Connect-LocalCommerceServiceAs -Service $script:service -UserPrincipalName $DemoData.PartnerUpn -Tenant $DemoData.FabrikamDomain

        $contoso.TenantId | Should -Not -Be $fabrikam.TenantId
        @(Get-MSCommerceProductPolicies -Connection $contoso).Count | Should -BeGreaterThan 0
        @(Get-MSCommerceProductPolicies -Connection $fabrikam).Count | Should -BeGreaterThan 0
    }

    It 'shows account, tenant, method, endpoint and expiry, never the token' {
        $token = Get-LocalServiceToken -Service $script:service -UserPrincipalName $DemoData.AdminUpn
        Connect-MSCommerce @script:common -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force)

        $connection = Get-MSCommerceConnection

        $connection.Account | Should -Be $DemoData.AdminUpn
        $connection.AuthMethod | Should -Be 'AccessToken'
        $connection.TokenExpiresOn | Should -BeGreaterThan (Get-Date)
        ($connection | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($token))
    }

    It 'ends the default connection when it is passed by -Connection, and a second disconnect is harmless' {
        $token = Get-LocalServiceToken -Service $script:service -UserPrincipalName $DemoData.AdminUpn
        $c = Connect-MSCommerce @script:common -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -PassThru

        Disconnect-MSCommerce -Connection $c

        Get-MSCommerceConnection | Should -BeNullOrEmpty
        { Get-MSCommercePolicies -Connection $c } | Should -Throw -ErrorId 'NotConnected*' -ExpectedMessage 'You must call the Connect-MSCommerce cmdlet before calling any other cmdlets.'
        { Get-MSCommercePolicies } | Should -Throw -ErrorId 'NotConnected*'
        { Disconnect-MSCommerce -Connection $c -ErrorAction Stop } | Should -Not -Throw
        { Get-MSCommercePolicies -Connection $c } | Should -Throw -ErrorId 'NotConnected*' -Because 'a second disconnect leaves no disposed client behind'
    }

    It 'forgets the default connection on Disconnect-MSCommerce' {
        $null = Connect-LocalCommerceServiceAs -Service $script:service -UserPrincipalName $DemoData.AdminUpn
        Connect-MSCommerce @script:common -AccessToken (ConvertTo-SecureString (Get-LocalServiceToken -Service $script:service -UserPrincipalName $DemoData.AdminUpn) -AsPlainText -Force)

        Disconnect-MSCommerce

        Get-MSCommerceConnection | Should -BeNullOrEmpty
        { Get-MSCommercePolicies } | Should -Throw -ExpectedMessage 'You must call the Connect-MSCommerce cmdlet before calling any other cmdlets.'
    }

    It 'says with -Verbose that nothing was connected, and writes no error' {
        Disconnect-MSCommerce

        $said = @(Disconnect-MSCommerce -Verbose -ErrorVariable failed 4>&1)

        "$said" | Should -Be 'Not connected: nothing to disconnect.'
        $failed.Count | Should -Be 0
        @(Disconnect-MSCommerce 4>&1).Count | Should -Be 0 -Because 'without -Verbose it stays quiet'
    }
}
