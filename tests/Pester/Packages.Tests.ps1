#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    The packages of a release, as users get them. `dotnet pack MSCommerce.sln` (from the built projects,
    once for the file) writes the module and the client; the module is published to a local PSResourceGet
    repository, saved, installed, imported by name, updated to a newer version and uninstalled, all in a
    new pwsh whose home (and so its repository store and CurrentUser modules) is a temp folder; there a
    script written for Microsoft's MSCommerce module runs with only its Import-Module line changed; a new
    console project restores the client from the packages, compiles the examples of its README and lists
    the local commerce service's policies.
#>

BeforeDiscovery {
    # Install-PSResource's CurrentUser scope on Windows is the Documents folder, which no variable redirects.
    $script:canIsolateInstall = -not $IsWindows
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $script:root = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
    $script:work = Join-Path ([System.IO.Path]::GetTempPath()) "mscommerce-packages-$([guid]::NewGuid().ToString('N'))"
    $null = New-Item -ItemType Directory -Path $script:work
    $script:artifacts = Join-Path $script:work 'artifacts'
    $script:newer = Join-Path $script:work 'newer'
    $script:version = ([xml](Get-Content -Raw (Join-Path $script:root 'Directory.Build.props'))).Project.PropertyGroup.Version | Where-Object { $_ } | Select-Object -First 1
    $parts = ([version]($script:version -replace '-.*$', ''))
    $script:nextVersion = '{0}.{1}.{2}' -f $parts.Major, $parts.Minor, ($parts.Build + 1)

    function Start-Dotnet {
        <# Starts dotnet; a dotnet started from inside `dotnet test` gets none of that build's MSBuild settings or nodes. Wait-Dotnet ends it. #>
        param(
            [Parameter(Mandatory)] [string[]] $Arguments,
            [string] $WorkingDirectory = $script:root
        )

        $start = [System.Diagnostics.ProcessStartInfo]::new($(if ($env:DOTNET_HOST_PATH) { $env:DOTNET_HOST_PATH } else { 'dotnet' }))
        foreach ($argument in $Arguments) { $start.ArgumentList.Add($argument) }
        foreach ($name in @($start.Environment.Keys)) {
            if ($name -like 'MSBuild*') { $null = $start.Environment.Remove($name) }
        }
        $start.Environment['DOTNET_CLI_TELEMETRY_OPTOUT'] = '1'
        $start.Environment['DOTNET_NOLOGO'] = '1'
        $start.WorkingDirectory = $WorkingDirectory
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($start)
        [pscustomobject]@{ Arguments = $Arguments; Process = $process; Output = $process.StandardOutput.ReadToEndAsync(); Errors = $process.StandardError.ReadToEndAsync() }
    }

    function Wait-Dotnet {
        <# Waits for a dotnet of Start-Dotnet, with a deadline; returns its exit code and output. #>
        param([Parameter(Mandatory)] $Started, [TimeSpan] $Timeout = [TimeSpan]::FromMinutes(5))

        $process = $Started.Process
        try {
            if (-not $process.WaitForExit([int]$Timeout.TotalMilliseconds)) {
                $process.Kill($true)
                $null = $process.WaitForExit(10000)
                throw "dotnet $($Started.Arguments -join ' ') did not finish within $Timeout."
            }
            $null = [System.Threading.Tasks.Task]::WaitAll(@($Started.Output, $Started.Errors), 10000)
            [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $Started.Output.GetAwaiter().GetResult() + $Started.Errors.GetAwaiter().GetResult() }
        }
        finally {
            $process.Dispose()
        }
    }

    function Invoke-Dotnet {
        <# Runs dotnet to its end, with a deadline. #>
        param(
            [Parameter(Mandatory)] [string[]] $Arguments,
            [string] $WorkingDirectory = $script:root,
            [TimeSpan] $Timeout = [TimeSpan]::FromMinutes(5)
        )

        Wait-Dotnet -Started (Start-Dotnet -Arguments $Arguments -WorkingDirectory $WorkingDirectory) -Timeout $Timeout
    }

    # The configuration the suite was built in: the newer build of the client.
    $script:configuration = 'Release', 'Debug' |
        Where-Object { Test-Path (Join-Path $script:root 'src' 'MSCommerce.Client' 'bin' $_ 'net8.0' 'MSCommerce.Client.dll') } |
        Sort-Object { (Get-Item (Join-Path $script:root 'src' 'MSCommerce.Client' 'bin' $_ 'net8.0' 'MSCommerce.Client.dll')).LastWriteTimeUtc } -Descending |
        Select-Object -First 1

    # The release command, without building again: the suite's build made everything it packs. Beside it, at the
    # same time (each pack is mostly one process's evaluation, and they write apart: other folders, other versions),
    # a newer version of the module, for the update.
    $packing = Start-Dotnet -Arguments @('pack', 'MSCommerce.sln', '-c', $script:configuration, '--no-build', '--no-restore', '-o', $script:artifacts, '-nodeReuse:false')
    $packingNewer = Start-Dotnet -Arguments @('pack', 'src/MSCommerce/MSCommerce.csproj', '-c', $script:configuration, '--no-build', '--no-restore', '-o', $script:newer, "-p:Version=$($script:nextVersion)", '-nodeReuse:false')
    $script:pack = Wait-Dotnet -Started $packing
    $packNewer = Wait-Dotnet -Started $packingNewer
    if ($script:pack.ExitCode -ne 0) { throw "dotnet pack MSCommerce.sln failed:`n$($script:pack.Output)" }
    if ($packNewer.ExitCode -ne 0) { throw "dotnet pack of version $($script:nextVersion) failed:`n$($packNewer.Output)" }
}

AfterAll {
    Remove-Item -Path $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'dotnet pack MSCommerce.sln' {
    It 'writes the module, the client and the client''s symbols, and nothing else' {
        $script:pack.Output | Should -Not -Match 'warning'
        (Get-ChildItem $script:artifacts -File).Name | Sort-Object | Should -Be @(
            "MSCommerce.Client.$($script:version).nupkg"
            "MSCommerce.Client.$($script:version).snupkg"
            "SelfServicePurchase.$($script:version).nupkg"
        )
    }

    It 'gives the client XML docs, its README and the release notes, and symbols that embed the sources' {
        $package = [System.IO.Compression.ZipFile]::OpenRead((Join-Path $script:artifacts "MSCommerce.Client.$($script:version).nupkg"))
        try {
            $package.Entries.FullName | Should -Contain 'lib/net8.0/MSCommerce.Client.xml'
            $package.Entries.FullName | Should -Contain 'lib/netstandard2.0/MSCommerce.Client.xml'
            $package.Entries.FullName | Should -Contain 'README.md'
            $nuspec = [xml]([System.IO.StreamReader]::new($package.GetEntry('MSCommerce.Client.nuspec').Open()).ReadToEnd())
            $nuspec.package.metadata.readme | Should -Be 'README.md'
            $nuspec.package.metadata.license.'#text' | Should -Be 'MIT'
            $nuspec.package.metadata.releaseNotes | Should -Not -BeNullOrEmpty
        }
        finally { $package.Dispose() }

        $symbols = [System.IO.Compression.ZipFile]::OpenRead((Join-Path $script:artifacts "MSCommerce.Client.$($script:version).snupkg"))
        try {
            $pdb = [System.IO.MemoryStream]::new()
            $symbols.GetEntry('lib/net8.0/MSCommerce.Client.pdb').Open().CopyTo($pdb)
            $pdb.Position = 0
            $provider = [System.Reflection.Metadata.MetadataReaderProvider]::FromPortablePdbStream($pdb)
            $reader = $provider.GetMetadataReader()
            $embeddedSource = [guid]'0e8a571b-6926-466e-b4ad-8ab04611f5fe'
            $embedded = @($reader.CustomDebugInformation | Where-Object { $reader.GetGuid($reader.GetCustomDebugInformation($_).Kind) -eq $embeddedSource })
            $sources = @(Get-ChildItem (Join-Path $script:root 'src' 'MSCommerce.Client') -Recurse -Filter *.cs | Where-Object FullName -NotMatch '[\\/](obj|bin)[\\/]')
            $embedded.Count | Should -BeGreaterOrEqual $sources.Count
            $provider.Dispose()
        }
        finally { $symbols.Dispose() }
    }
}

Describe 'The module package with PSResourceGet' {
    BeforeAll {
        # Microsoft's documented script that disables every product (the loop of OriginalScripts.Tests.ps1), as an
        # admin has it, and the same script changed as the README says: its Import-Module line only.
        $script:microsoftScript = @'
Import-Module -Name MSCommerce
Connect-MSCommerce #sign-in with your global or billing administrator account when prompted
$products = Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase
forEach ($product in $products) {
    if ($product.PolicyValue -eq 'Enabled') {
        Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId $product.ProductID -Enabled $false
    }
}
'@
        $script:changedScript = $script:microsoftScript -replace '(?m)^Import-Module -Name MSCommerce$', 'Import-Module -Name SelfServicePurchase'
        $originalScript = Join-Path $script:work 'Disable-EveryProduct.ps1'
        Set-Content -Path $originalScript -Value $script:changedScript -Encoding utf8
        # It runs against a tenant of its own on the local service, signed in as that tenant's Global Administrator.
        $script:service = Start-LocalCommerceService -RepositoryRoot $script:root
        $script:tenant = New-IsolatedTenant -Service $script:service
        $token = Get-LocalServiceToken -Service $script:service -UserPrincipalName $script:tenant.AdminUpn -Tenant $script:tenant.Domain

        $script:saved = Join-Path $script:work 'saved'
        $userHome = Join-Path $script:work 'home'
        $null = New-Item -ItemType Directory -Path $script:saved, $userHome
        $result = Join-Path $script:work 'psresourceget.json'
        # Everything PSResourceGet keeps for a user (repository store, CurrentUser modules) goes under the temp home.
        $environment = @{
            HOME = $userHome; USERPROFILE = $userHome; LOCALAPPDATA = (Join-Path $userHome 'local'); APPDATA = (Join-Path $userHome 'roaming')
            XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null; XDG_CACHE_HOME = $null; PSModulePath = $null
        }
        # Its working directory is the temp folder too: PSResourceGet's NuGet settings were seen written relative to it.
        $script:run = Invoke-FreshPwsh -Script (Get-Content -Raw (Join-Path $PSScriptRoot 'PackageInstall.ps1')) -Environment $environment -WorkingDirectory $userHome -Timeout ([TimeSpan]::FromMinutes(5)) -ArgumentList @(
            '-Artifacts', $script:artifacts, '-Newer', $script:newer, '-LaidOut', (Join-Path $script:root 'out' 'SelfServicePurchase'),
            '-Work', $script:work, '-SavePath', $script:saved, '-Version', $script:version, '-NextVersion', $script:nextVersion, '-ResultFile', $result
            '-Endpoint', $script:service.BaseAddress, '-CertificatePath', (Join-Path $script:service.Folder 'commerce.db.cer'), '-AccessToken', $token
            '-OriginalScript', $originalScript
            if ($IsWindows) { '-SkipInstall' })
        if ($script:run.ExitCode -ne 0) { throw "The PSResourceGet session failed ($($script:run.ExitCode)):`n$($script:run.Output)`n$($script:run.Errors)" }
        $script:facts = Get-Content -Raw $result | ConvertFrom-Json
    }

    AfterAll {
        if ($script:service) { Stop-LocalCommerceService -Service $script:service }
    }

    It 'holds the same files, at the same places, as the package Publish-PSResource makes of out/SelfServicePurchase' {
        $script:facts.PackedFiles | Should -Be $script:facts.PublishedFiles
        $script:facts.PackedFiles | Should -Contain 'SelfServicePurchase.psd1'
        $script:facts.PackedFiles | Should -Contain 'dependencies/Core/MSCommerce.Client.dll'
        $script:facts.PackedFiles | Should -Contain 'dependencies/Desktop/MSCommerce.Client.dll'
        $script:facts.PackedFiles | Should -Contain 'en-US/MSCommerce.dll-Help.xml'
        $script:facts.PackedFiles | Should -Contain 'MSCommerce.Format.ps1xml'
        $script:facts.PackedFiles | Should -Contain 'MSCommerce.PolicyBaseline.schema.json'
    }

    It 'describes the module in its nuspec as Publish-PSResource does, with the command tags of the Gallery' {
        $packed = $script:facts.PackedNuspec
        $published = $script:facts.PublishedNuspec
        foreach ($field in 'id', 'version', 'authors', 'description', 'copyright', 'projectUrl', 'releaseNotes') {
            $packed.$field | Should -Be $published.$field -Because "the nuspec's $field is the manifest's"
        }
        $packed.license | Should -Be 'MIT'
        $packed.tags | Should -Contain 'PSModule'
        foreach ($tag in $published.tags) { $packed.tags | Should -Contain $tag }
        foreach ($cmdlet in $script:facts.ManifestCmdlets) {
            $packed.tags | Should -Contain "PSCmdlet_$cmdlet"
            $packed.tags | Should -Contain "PSCommand_$cmdlet"
        }
    }

    It 'is published as the release workflow publishes it (Publish-PSResource -NupkgPath)' {
        $script:facts.Released | Should -Be @("SelfServicePurchase.$($script:version).nupkg")
    }

    It 'is found in the repository and saved by Save-PSResource as an importable module folder' {
        $script:facts.Found | Should -Be @($script:nextVersion, $script:version) -Because 'both versions are in the repository by then'
        $script:facts.SavedFiles | Should -Be $script:facts.PackedFiles
    }

    It 'installs with Install-PSResource, imports by name and lists every cmdlet' -Skip:(-not $canIsolateInstall) {
        $script:facts.Installed | Should -Be @($script:version)
        $script:facts.ImportedVersion | Should -Be $script:version
        $script:facts.ImportedFrom | Should -BeLike "$($script:work)*"
        $script:facts.Commands | Sort-Object | Should -Be ($script:facts.ManifestCmdlets | Sort-Object)
        $defined = @(Get-ChildItem -Path (Join-Path $script:root 'src' 'MSCommerce' 'Commands') -Filter *.cs -Recurse | Select-String -Pattern '^\s*\[Cmdlet\(Verbs\w+\.(\w+), "(\w+)"' |
            ForEach-Object { '{0}-{1}' -f $_.Matches[0].Groups[1].Value, $_.Matches[0].Groups[2].Value })
        $defined.Count | Should -BeGreaterThan 0
        $script:facts.Commands | Sort-Object | Should -Be ($defined | Sort-Object) -Because 'every cmdlet the module defines is exported'
    }

    It 'installs as SelfServicePurchase, not under the name of Microsoft''s module, and imports the MSCommerce cmdlets' -Skip:(-not $canIsolateInstall) {
        $script:facts.PackedNuspec.id | Should -Be 'SelfServicePurchase'
        $script:facts.PackedNuspec.tags | Should -Contain 'MSCommerce' -Because 'a Gallery search for MSCommerce finds it too'
        $script:facts.ImportedFrom | Should -BeLike "*$([System.IO.Path]::DirectorySeparatorChar)SelfServicePurchase$([System.IO.Path]::DirectorySeparatorChar)$($script:version)"
        $script:facts.ImportByMicrosoftName | Should -BeLike 'Modules_ModuleNotFound,*' -Because 'the package installs no module named MSCommerce'
        $script:facts.Commands | Should -Contain 'Connect-MSCommerce'
        $script:facts.Commands | ForEach-Object { $_ | Should -Match '^\w+-MSCommerce' }
        $script:facts.CommandSource | Should -Be 'SelfServicePurchase'
        $script:facts.CommandType | Should -Be 'Cmdlet'
        $script:facts.CommandAssembly | Should -Be 'MSCommerce'
    }

    It 'runs a script written for Microsoft''s module once its Import-Module line names SelfServicePurchase' -Skip:(-not $canIsolateInstall) {
        $changed = @(Compare-Object ($script:microsoftScript -split '\r?\n') ($script:changedScript -split '\r?\n'))
        $changed.InputObject | Sort-Object | Should -Be @('Import-Module -Name MSCommerce', 'Import-Module -Name SelfServicePurchase')

        $script:facts.OriginalScriptModule | Should -Be $script:facts.ImportedFrom -Because 'the script imported the installed module by name'
        $script:run.Output | Should -Match 'Connection established successfully' -Because 'its Connect-MSCommerce signed in'
        $script:facts.OriginalScriptProblems | Should -BeNullOrEmpty -Because 'the script wrote no error or warning'
        Import-Module (Get-MSCommerceManifestPath -TestRoot $PSScriptRoot) -Force
        try {
            $connection = Connect-LocalCommerceServiceAs -Service $script:service -UserPrincipalName $script:tenant.AdminUpn -Tenant $script:tenant.Domain
            $policies = @(Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase -Connection $connection)
        }
        finally {
            Remove-Module SelfServicePurchase -ErrorAction SilentlyContinue
        }
        $policies.Count | Should -Be (Get-LocalCatalogSize -Service $script:service)
        @($policies | Where-Object PolicyValue -ne 'Disabled').ProductId | Should -BeNullOrEmpty -Because 'the script disabled every product'
    }

    It 'gives way to Microsoft''s module in a session that imports both, as the README says' -Skip:(-not $canIsolateInstall) {
        $beside = $script:facts.BesideMicrosoft
        $beside.SourceWithOursImportedLast | Should -Be 'MSCommerce' -Because 'its functions run ahead of cmdlets of the same name'
        $beside.Answered | Should -Be "Microsoft's Get-MSCommercePolicies"
        $beside.Qualified | Should -Be 'Cmdlet' -Because 'SelfServicePurchase\Connect-MSCommerce reaches this module'
        $beside.SourceAfterRemovingMicrosoft | Should -Be 'SelfServicePurchase'
        $beside.AnsweredAfterRemovingMicrosoft | Should -BeLike 'NotConnected,*' -Because 'this module''s cmdlet answers, and nothing is connected'
    }

    It 'passes Test-ModuleManifest with the Gallery metadata' -Skip:(-not $canIsolateInstall) {
        $manifest = $script:facts.Manifest
        $manifest.Author | Should -Be 'MSCommerce for .NET contributors'
        $manifest.CompanyName | Should -Not -BeNullOrEmpty
        $manifest.Copyright | Should -Match 'MIT'
        $manifest.Description | Should -Match 'self-service purchase'
        $manifest.ProjectUri | Should -Match '^https://'
        $manifest.LicenseUri | Should -Match '/LICENSE$'
        foreach ($tag in 'MSCommerce', 'SelfServicePurchase', 'Microsoft365', 'Licensing', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS') {
            $manifest.Tags | Should -Contain $tag
        }
        $manifest.ReleaseNotes | Should -Match 'Sync-MSCommercePolicyBaseline' -Because "the release notes are CHANGELOG.md's section of the version"
    }

    It 'updates to the newer version with Update-PSResource, and uninstalls every version' -Skip:(-not $canIsolateInstall) {
        $script:facts.AfterUpdate | Sort-Object | Should -Be (@($script:version, $script:nextVersion) | Sort-Object)
        $script:facts.ListedAfterUpdate | Should -Be $script:nextVersion -Because 'Import-Module SelfServicePurchase takes the newest'
        $script:facts.AfterUninstall | Should -Be 0
        $script:facts.RepositoriesLeft | Should -Be 0
    }
}

Describe 'The client package in a new console project' {
    BeforeAll {
        $script:service = Start-LocalCommerceService -RepositoryRoot $script:root
        $project = Join-Path $script:work 'console'
        $script:packages = Join-Path $script:work 'packages'
        $null = New-Item -ItemType Directory -Path $project
        # Only this folder's sources and packages folder: the client from the artifacts, the rest from nuget.org.
        Set-Content -Path (Join-Path $project 'nuget.config') -Value @"
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config>
    <add key="globalPackagesFolder" value="$($script:packages)" />
  </config>
  <packageSources>
    <clear />
    <add key="artifacts" value="$($script:artifacts)" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="artifacts">
      <package pattern="MSCommerce.Client" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
</configuration>
"@
        Set-Content -Path (Join-Path $project 'PolicyList.csproj') -Value @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="MSCommerce.Client" Version="$($script:version)" />
  </ItemGroup>
</Project>
"@
        Set-Content -Path (Join-Path $project 'Program.cs') -Value @'
using System.Security.Cryptography.X509Certificates;
using MSCommerce.Client;
using MSCommerce.Client.Auth;
using MSCommerce.Client.Policies;

// The local commerce service stands in for Microsoft's: it is the authority and Graph too.
var endpoint = new Uri(args[0]);
var options = new CommerceClientOptions
{
    Endpoint = endpoint,
    AuthorityHost = endpoint,
    GraphEndpoint = endpoint,
    TrustedCertificate = X509CertificateLoader.LoadCertificateFromFile(args[1]),
};
var app = new SignInOptions { TenantId = args[2], ClientId = args[3] };
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
using CommerceClient client = await CommerceConnector.ConnectAsync(
    options, SignIn.WithClientSecret(app, Environment.GetEnvironmentVariable("MSCOMMERCE_CLIENT_SECRET")!), onToken: null, cancellation.Token);
foreach (ProductPolicy policy in await client.GetProductPoliciesAsync(PolicyValues.AllowSelfServicePurchase, null, cancellation.Token))
{
    Console.WriteLine($"{policy.ProductId}\t{policy.PolicyValue}\t{policy.ProductName}");
}
'@
        # The C# examples of the client's README, compiled into the same project against the package (not run).
        $readme = Get-Content -Raw (Join-Path $script:root 'src' 'MSCommerce.Client' 'README.md')
        $script:readmeBlocks = @([regex]::Matches($readme, '(?s)```csharp\r?\n(.*?)```') | ForEach-Object { $_.Groups[1].Value })
        $namespaceImport = '^using [A-Za-z0-9_.]+;\s*$'
        $imports = @($script:readmeBlocks | ForEach-Object { $_ -split '\r?\n' } | Where-Object { $_ -match $namespaceImport } | Sort-Object -Unique)
        $methods = for ($index = 0; $index -lt $script:readmeBlocks.Count; $index++) {
            $body = ($script:readmeBlocks[$index] -split '\r?\n' | Where-Object { $_ -notmatch $namespaceImport }) -join "`n"
            # The examples use a signed-in client, a secret, an observer and a cancellation token; the sign-in example makes the client.
            $client = if ($body -match 'CommerceClient client =') { '' } else { 'CommerceClient client, ' }
            "    public static async Task Example$index(${client}string secret, IBaselineEnforcementObserver observer, CancellationToken cancellationToken)`n    {`n$body`n    }"
        }
        Set-Content -Path (Join-Path $project 'ReadmeExamples.cs') -Value (@($imports) + 'using MSCommerce.Client.Baselines;' | Sort-Object -Unique) -Encoding utf8
        Add-Content -Path (Join-Path $project 'ReadmeExamples.cs') -Value "`ninternal static class ReadmeExamples`n{`n$($methods -join "`n`n")`n}"

        $env:MSCOMMERCE_CLIENT_SECRET = $DemoData.AutomationClientSecret
        try {
            $script:console = Invoke-Dotnet -WorkingDirectory $project -Arguments @(
                'run', '--', $script:service.BaseAddress.AbsoluteUri, (Join-Path $script:service.Folder 'commerce.db.cer'), $DemoData.ContosoDomain, $DemoData.AutomationClientId)
        }
        finally {
            Remove-Item Env:MSCOMMERCE_CLIENT_SECRET
        }
    }

    AfterAll {
        if ($script:service) { Stop-LocalCommerceService -Service $script:service }
    }

    It 'restores MSCommerce.Client from the artifacts into its own packages folder, with the XML docs' {
        $script:console.ExitCode | Should -Be 0 -Because $script:console.Output
        $restored = Join-Path $script:packages 'mscommerce.client' $script:version
        Join-Path $restored 'lib' 'net8.0' 'MSCommerce.Client.xml' | Should -Exist
        (Get-Content -Raw (Join-Path $restored '.nupkg.metadata') | ConvertFrom-Json).source | Should -Be $script:artifacts
    }

    It 'compiles the C# examples of the client''s README against the package' {
        $script:readmeBlocks.Count | Should -BeGreaterOrEqual 4 -Because 'the README shows sign-in, policies, purchases and baselines'
        $script:console.ExitCode | Should -Be 0 -Because $script:console.Output
    }

    It 'signs in to the local commerce service and lists the policies the module lists' {
        $listed = @($script:console.Output -split '\r?\n' | Where-Object { $_ -match '^\S+\t(Enabled|Disabled|OnlyTrialsWithoutPaymentMethod)\t' } | ForEach-Object { ($_ -split '\t')[0] })
        $listed | Should -Contain 'CFQ7TTC0H9MP'

        Import-Module (Get-MSCommerceManifestPath -TestRoot $PSScriptRoot) -Force
        try {
            $connection = Connect-LocalCommerceService -Service $script:service -PassThru
            $expected = @(Get-MSCommerceProductPolicies -Connection $connection).ProductId
        }
        finally {
            Remove-Module SelfServicePurchase -ErrorAction SilentlyContinue
        }
        $listed | Sort-Object | Should -Be ($expected | Sort-Object)
    }
}
