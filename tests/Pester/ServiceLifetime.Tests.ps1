#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    The suite's own plumbing: the local commerce service it starts is the built executable, and
    stopping it leaves no process behind, within a deadline.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $script:repositoryRoot = Resolve-Path (Join-Path $PSScriptRoot '..' '..')
}

Describe 'The local commerce service of the suite' {
    It 'runs as the built executable, not under dotnet run' {
        $service = Start-LocalCommerceService -RepositoryRoot $script:repositoryRoot
        try {
            $service.Process.MainModule.FileName | Should -Be (Get-LocalCommerceServiceExecutable -RepositoryRoot $script:repositoryRoot)
        }
        finally {
            Stop-LocalCommerceService -Service $service
        }
    }

    It 'is gone, with its folder, once stopped' {
        $service = Start-LocalCommerceService -RepositoryRoot $script:repositoryRoot
        $id = $service.Process.Id

        Stop-LocalCommerceService -Service $service

        Get-Process -Id $id -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Test-Path $service.Folder | Should -BeFalse
    }
}
