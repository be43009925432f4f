#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Secretless sign-in for pipelines: Connect-MSCommerce with a federated token (given, in a file, or asked
    of the CI's issuer through GitHub Actions' or Azure Pipelines' variables), the local service's CI issuer
    standing in for the CI's. Renewal is shown with token lifetimes of seconds: every renewal presents a
    token read or requested again.
#>

BeforeDiscovery {
    # The demo identities the test cases name ($DemoData).
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $script:service = Start-MSCommerceTestSession -TestRoot $PSScriptRoot
    $script:common = @{ Endpoint = $script:service.BaseAddress; TrustedCertificate = $script:service.Certificate; TenantId = $DemoData.ContosoDomain }
    $script:pipelineApp = $DemoData.PipelineClientId
    $script:mainBranch = 'repo:contoso/tenant-policy:ref:refs/heads/main'
    $script:ciVariables = 'ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'SYSTEM_OIDCREQUESTURI', 'SYSTEM_ACCESSTOKEN',
        'AZURESUBSCRIPTION_SERVICE_CONNECTION_ID', 'AZURE_FEDERATED_TOKEN_FILE'

    function Start-CiJob {
        <# A CI job of the local issuer: the values its runner would put in the job's variables. #>
        param([string] $Subject = $script:mainBranch, [int] $LifetimeSeconds = 300, [int] $IssuedSecondsAgo = 0)
        Invoke-LocalServiceAdmin -Service $script:service -Method POST -Path 'ci-tokens' -Body @{ subject = $Subject; lifetimeSeconds = $LifetimeSeconds; issuedSecondsAgo = $IssuedSecondsAgo }
    }

    function Get-CiIdToken {
        <# An ID token of the job, as a step would ask GitHub for one. #>
        param([Parameter(Mandatory)] $Job)
        $request = [System.Net.Http.HttpRequestMessage]::new('GET', "$($Job.requestUrl)&audience=api://AzureADTokenExchange")
        $request.Headers.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $Job.requestToken)
        $response = $script:service.Admin.SendAsync($request).GetAwaiter().GetResult()
        ($response.Content.ReadAsStringAsync().GetAwaiter().GetResult() | ConvertFrom-Json).value
    }

    function Get-IdTokensIssued {
        param([Parameter(Mandatory)] [string] $Subject)
        (@(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'ci-tokens') | Where-Object subject -eq $Subject | Select-Object -Last 1).idTokensIssued
    }

    function Set-TokenLifetime {
        param([int] $Seconds)
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method PUT -Path 'settings' -Body @{ tokenLifetimeSeconds = $Seconds }
    }
}

AfterAll {
    Stop-MSCommerceTestSession -Service $script:service
}

Describe 'Connect-MSCommerce with a federated token' {
    BeforeEach {
        foreach ($name in $script:ciVariables) { Remove-Item "env:$name" -ErrorAction SilentlyContinue }
    }

    AfterEach {
        Disconnect-MSCommerce
        Set-TokenLifetime -Seconds 3600
        foreach ($name in $script:ciVariables) { Remove-Item "env:$name" -ErrorAction SilentlyContinue }
    }

    It 'signs in the pipeline app with a token given once, and may change policies' {
        $token = ConvertTo-SecureString (Get-CiIdToken -Job (Start-CiJob)) -AsPlainText -Force

        Connect-MSCommerce @script:common -ClientId $script:pipelineApp -FederatedToken $token

        (Get-MSCommerceConnection).AuthMethod | Should -Be 'FederatedToken'
        (Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Enabled -Confirm:$false).PolicyValue | Should -Be 'Enabled'
    }

    It 'with the two GitHub variables and no credential, signs in and stays signed in across several token lifetimes, asking GitHub again at each renewal' {
        $subject = "repo:contoso/tenant-policy:ref:refs/heads/main"
        $job = Start-CiJob -Subject $subject -LifetimeSeconds 5
        $env:ACTIONS_ID_TOKEN_REQUEST_URL = $job.requestUrl
        $env:ACTIONS_ID_TOKEN_REQUEST_TOKEN = $job.requestToken
        Set-TokenLifetime -Seconds 2

        Connect-MSCommerce @script:common -ClientId $script:pipelineApp
        $issuedAtSignIn = Get-IdTokensIssued -Subject $subject
        $firstExpiry = (Get-MSCommerceConnection).TokenExpiresOn
        # At least five access token lifetimes, a call every second: each call past a lifetime renews the sign-in.
        # On a loaded machine the calls are slower; the loop then runs on until four renewals are seen, within a minute.
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $calls = 0
        do {
            (Get-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP).ProductId | Should -Be 'CFQ7TTC0H9MP'
            $calls++
            Start-Sleep -Seconds 1
        } while (($clock.Elapsed.TotalSeconds -lt 10 -or (Get-IdTokensIssued -Subject $subject) -lt 5) -and $clock.Elapsed.TotalSeconds -lt 60)

        (Get-MSCommerceConnection).AuthMethod | Should -Be 'FederatedToken'
        $issuedAtSignIn | Should -Be 1
        Get-IdTokensIssued -Subject $subject | Should -BeGreaterOrEqual 5 -Because "$calls calls over $([int]$clock.Elapsed.TotalSeconds) s of 2-second lifetimes renew the sign-in at least four times, each with a new GitHub token"
        (Get-MSCommerceConnection).TokenExpiresOn | Should -BeGreaterThan $firstExpiry.AddSeconds(5)
    }

    It 'with the Azure Pipelines variables and -FederatedTokenSource AzurePipelines, signs in for the service connection' {
        $job = Start-CiJob -Subject 'sc://contoso/tenant-policy/contoso-commerce'
        $env:SYSTEM_OIDCREQUESTURI = $job.oidcRequestUri
        $env:SYSTEM_ACCESSTOKEN = $job.requestToken
        $env:AZURESUBSCRIPTION_SERVICE_CONNECTION_ID = $job.serviceConnectionId

        Connect-MSCommerce @script:common -ClientId $script:pipelineApp -FederatedTokenSource AzurePipelines

        @(Get-MSCommerceProductPolicies).Count | Should -BeGreaterThan 0
        Get-IdTokensIssued -Subject 'sc://contoso/tenant-policy/contoso-commerce' | Should -Be 1
    }

    It 'reads -FederatedTokenFile again at every renewal: an expired token put there ends the sign-in, a fresh one restores it' {
        $file = Join-Path $TestDrive 'federated-token'
        Set-Content -Path $file -Value (Get-CiIdToken -Job (Start-CiJob)) -NoNewline
        Set-TokenLifetime -Seconds 2
        Connect-MSCommerce @script:common -ClientId $script:pipelineApp -FederatedTokenFile $file
        (Get-MSCommerceConnection).AuthMethod | Should -Be 'FederatedToken'

        Set-Content -Path $file -Value (Get-CiIdToken -Job (Start-CiJob -LifetimeSeconds 60 -IssuedSecondsAgo 600)) -NoNewline
        Start-Sleep -Seconds 3
        $errors = $null
        $null = Get-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -ErrorVariable errors -ErrorAction SilentlyContinue
        Set-Content -Path $file -Value (Get-CiIdToken -Job (Start-CiJob)) -NoNewline
        Start-Sleep -Seconds 3
        $renewed = Get-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP

        $errors.Count | Should -Be 1
        $errors[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $errors[0].Exception.Message | Should -Match 'AADSTS700024'
        $renewed.ProductId | Should -Be 'CFQ7TTC0H9MP'
    }

    It 'refuses <Case> with <Code>, as an AuthenticationError' -ForEach @(
        @{ Case = 'an app with no credential for the issuer'; Code = 'AADSTS700211'; App = $DemoData.AutomationClientId; Subject = 'repo:contoso/tenant-policy:ref:refs/heads/main'; Ago = 0 }
        @{ Case = 'a branch no credential names'; Code = 'AADSTS70021'; App = $DemoData.PipelineClientId; Subject = 'repo:contoso/tenant-policy:ref:refs/heads/feature'; Ago = 0 }
        @{ Case = 'an expired token'; Code = 'AADSTS700024'; App = $DemoData.PipelineClientId; Subject = 'repo:contoso/tenant-policy:ref:refs/heads/main'; Ago = 600 }
    ) {
        $token = ConvertTo-SecureString (Get-CiIdToken -Job (Start-CiJob -Subject $Subject -LifetimeSeconds 60 -IssuedSecondsAgo $Ago)) -AsPlainText -Force

        $failure = { Connect-MSCommerce @script:common -ClientId $App -FederatedToken $token -ErrorAction Stop } | Should -Throw -ErrorId 'SignInFailed*' -PassThru

        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failure.Exception.Message | Should -Match $Code
        Get-MSCommerceConnection | Should -BeNullOrEmpty
    }

    It 'says which variables -FederatedTokenSource <Source> needs when they are not set' -ForEach @(
        @{ Source = 'GitHubActions'; Variable = 'ACTIONS_ID_TOKEN_REQUEST_URL' }
        @{ Source = 'AzurePipelines'; Variable = 'SYSTEM_OIDCREQUESTURI' }
        @{ Source = 'File'; Variable = 'AZURE_FEDERATED_TOKEN_FILE' }
    ) {
        $failure = { Connect-MSCommerce @script:common -ClientId $script:pipelineApp -FederatedTokenSource $Source -ErrorAction Stop } | Should -Throw -ErrorId 'SignInFailed*' -PassThru

        $failure.Exception.Message | Should -Match $Variable
    }
}
