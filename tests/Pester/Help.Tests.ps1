#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Help as an admin reads it: Get-Help -Examples shows at least two examples of every cmdlet, Get-Help
    -Online has somewhere to go for each, and the about topic explains the policy values and sign-in methods,
    fits an 80-column console and speaks to whoever installed the module.
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '..' '..' 'out' 'SelfServicePurchase' 'SelfServicePurchase.psd1') -Force
    $cmdlets = @((Get-Command -Module SelfServicePurchase -CommandType Cmdlet).Name)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $script:repositoryRoot = Resolve-Path (Join-Path $PSScriptRoot '..' '..')
    Import-Module (Get-MSCommerceManifestPath -TestRoot $PSScriptRoot) -Force -Global
    $props = [xml](Get-Content (Join-Path $script:repositoryRoot 'Directory.Build.props') -Raw)
    $script:repositoryUrl = @($props.Project.PropertyGroup.RepositoryUrl | Where-Object { $_ })[0]
}

AfterAll {
    Remove-Module SelfServicePurchase -ErrorAction SilentlyContinue
}

Describe 'Get-Help -Online' {
    It 'has a page for <_> in the repository''s docs/help' -ForEach $cmdlets {
        $uri = (Get-Command $_).HelpUri

        $uri | Should -Be "$script:repositoryUrl/blob/main/docs/help/$_.md"
        Join-Path $script:repositoryRoot 'docs' 'help' "$_.md" | Should -Exist
    }
}

Describe 'Get-Help -Examples' {
    It 'shows at least two examples of <_>' -ForEach $cmdlets {
        $examples = Get-Help $_ -Examples | Out-String -Width 200

        $examples | Should -Match 'Example 1:'
        $examples | Should -Match 'Example 2:'
    }

    It 'shows the synopsis and the titled examples of Get-MSCommerceProductPolicies' {
        $examples = Get-Help Get-MSCommerceProductPolicies -Examples | Out-String -Width 200

        $examples | Should -Match 'Lists the value of a self-service purchase policy for every product'
        $examples | Should -Match 'Example 1: List every product and its policy value'
        $examples | Should -Match 'Example 2: Block self-service purchase'
    }
}

Describe 'about_MSCommerce' {
    BeforeAll {
        $script:about = @((Get-Help about_MSCommerce | Out-String -Width 200) -split '\r?\n')
    }

    It 'explains the policy values, the sign-in methods and the local commerce service' {
        $text = $script:about -join "`n"

        $text | Should -Match 'OnlyTrialsWithoutPaymentMethod'
        $text | Should -Match 'SIGN-IN METHODS'
        $text | Should -Match 'THE LOCAL COMMERCE SERVICE'
    }

    It 'fits an 80-column console' {
        $wide = @($script:about | Where-Object { $_.TrimEnd().Length -gt 80 })

        $wide | Should -BeNullOrEmpty -Because "$($wide.Count) lines are wider than 80 columns"
    }

    It 'tells a reader of the installed module how to rehearse without the repository' {
        ($script:about -join "`n") | Should -Not -Match 'dotnet run --project src/'
        ($script:about -join "`n") | Should -Match 'github\.com/mscommerce-dotnet/MSCommerce'
    }
}
