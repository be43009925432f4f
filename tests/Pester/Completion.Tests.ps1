#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Product ids as an admin types them at the console: Tab lists each id with its product's name and
    inserts the id; a product name typed where an id belongs is answered with the id it names.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $script:service = Start-MSCommerceTestSession -TestRoot $PSScriptRoot
}

AfterAll {
    Stop-MSCommerceTestSession -Service $script:service
}

Describe 'Tab after -ProductId' {
    BeforeAll {
        $null = Connect-IsolatedTenant -Service $script:service

        function Complete-Line([string] $Line) {
            <# Presses Tab as a user does until the product list read in the background has come in (the first Tab waits for it only a moment). #>
            $deadline = [datetime]::UtcNow.AddSeconds(20)
            do {
                $completions = (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
                if ($completions.Count -gt 0) { return $completions }
                Start-Sleep -Milliseconds 100
            } while ([datetime]::UtcNow -lt $deadline)
            throw "Tab offered nothing within 20 seconds for: $Line"
        }
    }

    It 'lists "<Id> (<Name>)" for what was typed of the name, and inserts the id' -ForEach @(
        @{ Typed = 'Power'; Id = 'CFQ7TTC0H9MP'; Name = 'Power BI Pro' }
        @{ Typed = 'Visio'; Id = 'CFQ7TTC0HD33'; Name = 'Visio Plan 1' }
    ) {
        $line = "Update-MSCommerceProductPolicy -ProductId $Typed"

        $completions = Complete-Line $line

        $match = $completions | Where-Object CompletionText -eq $Id
        $match.ListItemText | Should -Be "$Id ($Name)"
        $match.ToolTip | Should -Be $Name
        $completions.CompletionText | ForEach-Object { $_ | Should -Match '^CFQ7\w+$' }
    }
}

Describe 'A product name given as -ProductId' {
    BeforeAll {
        $null = Connect-IsolatedTenant -Service $script:service
    }

    It 'is refused before any change with the id it names: <Typed>' -ForEach @(
        @{ Typed = 'Power BI Pro'; Suggested = 'CFQ7TTC0H9MP (Power BI Pro)' }
        @{ Typed = 'visio plan 1'; Suggested = 'CFQ7TTC0HD33 (Visio Plan 1)' }
    ) {
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path 'requests'

        $failure = { Update-MSCommerceProductPolicy -ProductId $Typed -Value Disabled -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidProductId*' -PassThru

        $failure.Exception.Message | Should -BeLike "'$Typed' is not a product id; did you mean $Suggested*?"
        $failure.ErrorDetails.RecommendedAction | Should -BeLike "Give the product id: -ProductId $($Suggested.Split(' ')[0]).*"
        @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'requests?method=PUT').Count | Should -Be 0
    }

    It 'names no product when none is so named' {
        $failure = { Update-MSCommerceProductPolicy -ProductId 'Nothing Like It' -Value Disabled -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidProductId*' -PassThru

        $failure.Exception.Message | Should -Be "'Nothing Like It' is not a product id: product ids are letters and digits, e.g. CFQ7TTC0H9MP."
    }
}
