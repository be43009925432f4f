#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Tokens a user brings (-Token on a data cmdlet, Connect-MSCommerce -AccessToken): one that cannot be a
    token is refused before anything is sent, with a message that says so (not "expired"); one that has
    expired connects with a warning that says when it expired and what to do. A service whose certificate
    is not trusted is named as the cause of a failed sign-in, with -TrustedCertificate as the remedy.
#>

BeforeDiscovery {
    # The demo identities the test cases name ($DemoData).
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $script:service = Start-MSCommerceTestSession -TestRoot $PSScriptRoot
    $script:common = @{ Endpoint = $script:service.BaseAddress; TrustedCertificate = $script:service.Certificate }
}

AfterAll {
    Stop-MSCommerceTestSession -Service $script:service
}

Describe 'A token that is not one' {
    BeforeEach {
        $null = Connect-LocalCommerceServiceAs -Service $script:service -UserPrincipalName $DemoData.AdminUpn
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path 'requests'
    }

    AfterEach { Disconnect-MSCommerce }

    It 'given to -Token as <Case> is refused as malformed, not expired, before any request' -ForEach @(
        @{ Case = 'a word'; Token = 'garbage' }
        @{ Case = 'a client secret'; Token = $DemoData.AutomationClientSecret }
        @{ Case = 'three parts of nonsense'; Token = 'abc.!!!.def' }
    ) {
        $failure = { Get-MSCommercePolicies -Token $Token -ErrorAction Stop } | Should -Throw -ErrorId 'MalformedToken*' -PassThru

        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.Exception.Message | Should -BeLike '-Token is not an access token: *Nothing was sent.'
        $failure.Exception.Message | Should -Not -Match 'expired'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'eyJ'
        @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'requests').Count | Should -Be 0
    }

    It 'given to Connect-MSCommerce -AccessToken leaves the connection as it was' {
        $before = Get-MSCommerceConnection

        { Connect-MSCommerce @script:common -AccessToken (ConvertTo-SecureString 'garbage' -AsPlainText -Force) } |
            Should -Throw -ErrorId 'MalformedToken*' -ExpectedMessage '-AccessToken is not an access token: *Nothing was connected.'

        (Get-MSCommerceConnection).Account | Should -Be $before.Account
    }
}

Describe 'An access token that has expired' {
    AfterEach { Disconnect-MSCommerce }

    It 'connects with a warning that says when it expired and what to do' {
        $expired = (Invoke-LocalServiceAdmin -Service $script:service -Method POST -Path 'tokens' -Body @{
                tenant = $DemoData.ContosoDomain; userPrincipalName = $DemoData.AdminUpn; lifetimeSeconds = -900 }).accessToken

        Connect-MSCommerce @script:common -AccessToken (ConvertTo-SecureString $expired -AsPlainText -Force) -WarningVariable warned -WarningAction SilentlyContinue

        $warned.Count | Should -Be 1
        "$($warned[0])" | Should -Match '^The access token expired at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2} \(1[45] minutes ago\).*never renewed.*-UseDeviceCode'
        (Get-MSCommerceConnection).TokenExpiresOn | Should -BeLessThan (Get-Date)
    }

    It 'connects without a warning while it is still valid' {
        $valid = Get-LocalServiceToken -Service $script:service -UserPrincipalName $DemoData.AdminUpn

        Connect-MSCommerce @script:common -AccessToken (ConvertTo-SecureString $valid -AsPlainText -Force) -WarningVariable warned -WarningAction SilentlyContinue

        $warned.Count | Should -Be 0
    }
}

Describe 'A service whose certificate is not trusted' {
    It 'is named as the cause, with -TrustedCertificate as what to do' {
        $secret = ConvertTo-SecureString $DemoData.AutomationClientSecret -AsPlainText -Force

        $failure = { Connect-MSCommerce -Endpoint $script:service.BaseAddress -TenantId $DemoData.ContosoDomain -ClientId $DemoData.AutomationClientId -ClientSecret $secret } |
            Should -Throw -PassThru

        $failure.CategoryInfo.Category | Should -Be 'ConnectionError'
        $failure.ErrorDetails.RecommendedAction | Should -BeLike "The server's certificate is not trusted.*-TrustedCertificate*"
        $failure.ErrorDetails.RecommendedAction | Should -Not -Match 'proxy \(-Proxy'
    }
}
