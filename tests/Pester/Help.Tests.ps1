#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Help as an admin reads it: Get-Help -Online has somewhere to go for every cmdlet, and the about topic
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

Describe 'about_MSCommerce' {
    BeforeAll {
        $script:about = @((Get-Help about_MSCommerce | Out-String -Width 200) -split '\r?\n')
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
