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

Describe 'The files the local service writes beside its database' {
    It 'are ignored by git when the service runs from the repository root as the README says' -Skip:(-not (Get-Command git -ErrorAction SilentlyContinue)) {
        # Every file the service wrote next to its database, named as it would be at the root of a clone.
        $service = Start-LocalCommerceService -RepositoryRoot $script:repositoryRoot -FirstStart
        try {
            $written = @(Get-ChildItem -Path $service.Folder -Filter 'commerce.db*' | ForEach-Object Name)
        }
        finally {
            Stop-LocalCommerceService -Service $service
        }
        $written | Should -Contain 'commerce.db.pfx'
        $written | Should -Contain 'commerce.db.signing-key.pem'
        $written | Should -Contain 'commerce.db.demo-app.pfx'

        $ignored = @(git -C $script:repositoryRoot check-ignore --no-index @written)

        $ignored | Should -Be $written -Because 'a key or a database in the repository root must never reach a commit'
    }
}
