#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    The pipeline examples in docs/pipelines run: each job's PowerShell steps (the `run: |` of GitHub
    Actions, the `Inline: |` of Azure Pipelines), taken from the YAML as written, each in a fresh pwsh as a
    runner starts one, in a checkout holding policy/baseline.json. The local service stands in for Entra
    and the licensing service (Connect-MSCommerce's -Endpoint and -TrustedCertificate come from
    $PSDefaultParameterValues), and its CI issuer for GitHub's and Azure DevOps' (the job's variables
    from POST /_admin/ci-tokens). The step that installs the module from the Gallery is left out: the
    built module is on PSModulePath instead.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $script:service = Start-MSCommerceTestSession -TestRoot $PSScriptRoot
    $script:examples = Join-Path $PSScriptRoot '..' '..' 'docs' 'pipelines'
    $script:moduleFolder = Split-Path (Split-Path (Get-MSCommerceManifestPath -TestRoot $PSScriptRoot))
    # The enforce job of the GitHub example names an environment, which is its subject: the app trusts it, as the example's comment says.
    $null = Invoke-LocalServiceAdmin -Service $script:service -Method POST -Path 'tenants/contoso.onmicrosoft.com/applications/66666666-6666-6666-6666-666666666666/federatedCredentials' `
        -Body @{ name = 'github-environment'; issuer = "$($script:service.BaseAddress)_ci/oidc"; subject = 'repo:contoso/tenant-policy:environment:tenant-policy' }

    function Get-PipelineJobSteps {
        <# The PowerShell steps of each job of a pipeline file: @{ Job = ...; Name = ...; Script = ... }, in order. #>
        param([Parameter(Mandatory)] [string] $Path)

        $lines = Get-Content -Path $Path
        $job = $null
        $name = $null
        for ($i = 0; $i -lt $lines.Count; $i++) {
            $line = $lines[$i]
            if ($line -match '^  ([\w-]+):\s*$' -and $lines[0..$i] -match '^jobs:') { $job = $Matches[1] }
            elseif ($line -match '^\s*- (?:job|deployment): ([\w-]+)') { $job = $Matches[1] }
            if ($line -match '^\s*(?:- )?(?:name|displayName): (.+)$') { $name = $Matches[1] }
            if ($line -match '^(\s*)(?:run|Inline): \|\s*$') {
                $indent = $Matches[1].Length
                $body = [System.Collections.Generic.List[string]]::new()
                while ($i + 1 -lt $lines.Count -and ($lines[$i + 1].Trim() -eq '' -or ($lines[$i + 1] -match '^(\s*)' -and $Matches[1].Length -gt $indent))) {
                    $i++
                    $body.Add($lines[$i])
                }
                $margin = ($body | Where-Object { $_.Trim() } | ForEach-Object { ($_ -replace '^(\s*).*', '$1').Length } | Measure-Object -Minimum).Minimum
                [pscustomobject]@{ Job = $job; Name = $name; Script = ($body | ForEach-Object { if ($_.Length -ge $margin) { $_.Substring($margin) } else { '' } }) -join "`n" }
            }
        }
    }

    function New-Checkout {
        <# A checkout of the policy repository: policy/baseline.json describing Contoso as it is now. #>
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path (Join-Path $folder 'policy') -Force
        $admin = Connect-LocalCommerceServiceAs -Service $script:service -UserPrincipalName $DemoData.AdminUpn
        Export-MSCommercePolicyBaseline -Path (Join-Path $folder 'policy' 'baseline.json') -Connection $admin
        [pscustomobject]@{ Folder = $folder; Admin = $admin }
    }

    function Invoke-PipelineJob {
        <# Runs a job's PowerShell steps in order as a runner would, each in a fresh pwsh; stops at the first that fails. #>
        param([Parameter(Mandatory)] [object[]] $Steps, [Parameter(Mandatory)] [string] $Workspace, [Parameter(Mandatory)] [hashtable] $Environment)

        $preamble = @"
`$ErrorActionPreference = 'Stop'
`$PSDefaultParameterValues['Connect-MSCommerce:Endpoint'] = '$($script:service.BaseAddress)'
`$PSDefaultParameterValues['Connect-MSCommerce:TrustedCertificate'] = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new('$($script:service.Folder)/commerce.db.cer')
"@
        $environment = $Environment.Clone()
        $environment['PSModulePath'] = "$($script:moduleFolder)$([System.IO.Path]::PathSeparator)$env:PSModulePath"
        foreach ($step in $Steps | Where-Object { $_.Script -notmatch 'Install-PSResource' }) {
            $run = Invoke-FreshPwsh -Script "$preamble`n$($step.Script)" -WorkingDirectory $Workspace -Environment $environment
            [pscustomobject]@{ Name = $step.Name; ExitCode = $run.ExitCode; Output = $run.Output; Errors = $run.Errors }
            if ($run.ExitCode -ne 0) { break }
        }
    }

    function Get-GitHubJobEnvironment {
        param([Parameter(Mandatory)] [string] $Subject, [Parameter(Mandatory)] [string] $AppId, [Parameter(Mandatory)] $Checkout)
        $job = Invoke-LocalServiceAdmin -Service $script:service -Method POST -Path 'ci-tokens' -Body @{ subject = $Subject }
        $summary = Join-Path $Checkout.Folder 'step-summary.md'
        @{
            GITHUB_ACTIONS = 'true'; GITHUB_WORKSPACE = $Checkout.Folder; GITHUB_STEP_SUMMARY = $summary
            ACTIONS_ID_TOKEN_REQUEST_URL = $job.requestUrl; ACTIONS_ID_TOKEN_REQUEST_TOKEN = $job.requestToken
            TENANT = $DemoData.ContosoDomain; APP_ID = $AppId
        }
    }
}

AfterAll {
    Stop-MSCommerceTestSession -Service $script:service
}

Describe 'docs/pipelines/github-actions.yml' {
    BeforeAll {
        $script:steps = @(Get-PipelineJobSteps -Path (Join-Path $script:examples 'github-actions.yml'))
    }

    It 'has the PowerShell steps of a drift job and an enforce job' {
        ($script:steps | Where-Object Job -eq 'drift').Name | Should -Contain 'Check the tenant against the baseline'
        ($script:steps | Where-Object Job -eq 'enforce').Name | Should -Contain 'Enforce the baseline'
    }

    It 'passes a pull request when the tenant matches, and fails one with drift, with a summary and annotations' {
        $checkout = New-Checkout
        $environment = Get-GitHubJobEnvironment -Subject 'repo:contoso/tenant-policy:pull_request' -AppId $DemoData.PullRequestClientId -Checkout $checkout
        $drift = @($script:steps | Where-Object Job -eq 'drift')

        $matching = @(Invoke-PipelineJob -Steps $drift -Workspace $checkout.Folder -Environment $environment)
        $null = Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Disabled -Connection $checkout.Admin
        try {
            $drifted = @(Invoke-PipelineJob -Steps $drift -Workspace $checkout.Folder -Environment $environment)
        }
        finally {
            $null = Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Enabled -Connection $checkout.Admin
        }

        $matching[-1].ExitCode | Should -Be 0 -Because "$($matching[-1].Errors)"
        $drifted[-1].ExitCode | Should -Be 1
        $drifted[-1].Output | Should -Match '::error file=policy/baseline.json,line=\d+,title=Policy drift%3A Power BI Pro \(CFQ7TTC0H9MP\)'
        $summary = Get-Content -Path $environment.GITHUB_STEP_SUMMARY -Raw
        $summary | Should -Match 'Self-service purchase policy: matches the baseline'
        $summary | Should -Match '\| Drifted \| Product \| Power BI Pro \| CFQ7TTC0H9MP \| Enabled \| Disabled \|'
        Test-Path (Join-Path $checkout.Folder 'drift.xml') | Should -BeTrue
    }

    It 'enforces the baseline on main, and the check after it passes' {
        $checkout = New-Checkout
        $null = Update-MSCommerceProductPolicy -ProductId CFQ7TTC0LH05 -Value Disabled -Connection $checkout.Admin
        $environment = Get-GitHubJobEnvironment -Subject 'repo:contoso/tenant-policy:environment:tenant-policy' -AppId $DemoData.PipelineClientId -Checkout $checkout

        $run = @(Invoke-PipelineJob -Steps @($script:steps | Where-Object Job -eq 'enforce') -Workspace $checkout.Folder -Environment $environment)

        $run[-1].ExitCode | Should -Be 0 -Because "$($run[-1].Errors)"
        $run[-1].Output | Should -Match 'CFQ7TTC0LH05\s+Disabled\s+Enabled'
        (Get-MSCommerceProductPolicy -ProductId CFQ7TTC0LH05 -Connection $checkout.Admin).PolicyValue | Should -Be 'Enabled'
        Get-Content -Path $environment.GITHUB_STEP_SUMMARY -Raw | Should -Match 'Changed 1 product\(s\)\.'
    }
}

Describe 'docs/pipelines/azure-pipelines.yml' {
    BeforeAll {
        $script:adoSteps = @(Get-PipelineJobSteps -Path (Join-Path $script:examples 'azure-pipelines.yml'))

        function Get-AzureJobEnvironment {
            param([Parameter(Mandatory)] $Checkout)
            $job = Invoke-LocalServiceAdmin -Service $script:service -Method POST -Path 'ci-tokens' -Body @{ subject = 'sc://contoso/tenant-policy/contoso-commerce' }
            @{
                TF_BUILD = 'True'; BUILD_SOURCESDIRECTORY = $Checkout.Folder
                SYSTEM_OIDCREQUESTURI = $job.oidcRequestUri; SYSTEM_ACCESSTOKEN = $job.requestToken; AZURESUBSCRIPTION_SERVICE_CONNECTION_ID = $job.serviceConnectionId
                TENANT = $DemoData.ContosoDomain; APP_ID = $DemoData.PipelineClientId
                GITHUB_ACTIONS = $null
            }
        }
    }

    It 'has the PowerShell steps of a test job and an enforce deployment' {
        ($script:adoSteps | Where-Object Job -eq 'test').Name | Should -Contain 'Check the tenant against the baseline'
        ($script:adoSteps | Where-Object Job -eq 'enforce').Name | Should -Contain 'Enforce the baseline'
    }

    It 'fails the pull request check on drift with a JUnit report and a summary, and enforcing fixes it' {
        $checkout = New-Checkout
        $null = Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Disabled -Connection $checkout.Admin

        $check = @(Invoke-PipelineJob -Steps @($script:adoSteps | Where-Object Job -eq 'test') -Workspace $checkout.Folder -Environment (Get-AzureJobEnvironment -Checkout $checkout))
        $report = [xml](Get-Content (Join-Path $checkout.Folder 'drift.xml') -Raw)
        $enforce = @(Invoke-PipelineJob -Steps @($script:adoSteps | Where-Object Job -eq 'enforce') -Workspace $checkout.Folder -Environment (Get-AzureJobEnvironment -Checkout $checkout))
        $recheck = @(Invoke-PipelineJob -Steps @($script:adoSteps | Where-Object Job -eq 'test') -Workspace $checkout.Folder -Environment (Get-AzureJobEnvironment -Checkout $checkout))

        $check[-1].ExitCode | Should -Be 1 -Because "$($check[-1].Errors)"
        $check[-1].Output | Should -Match '##vso\[task.uploadsummary\].*drift\.md'
        $check[-1].Output | Should -Match '##vso\[task.logissue type=error\]'
        $report.testsuites.failures | Should -Be '1'
        $enforce[-1].ExitCode | Should -Be 0 -Because "$($enforce[-1].Errors)"
        $recheck[-1].ExitCode | Should -Be 0 -Because "$($recheck[-1].Errors)"
        ([xml](Get-Content (Join-Path $checkout.Folder 'drift.xml') -Raw)).testsuites.failures | Should -Be '0'
    }
}
