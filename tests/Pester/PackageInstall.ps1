<#
    Packages.Tests.ps1 runs this in a new pwsh whose home is a temp folder, so that PSResourceGet's
    repository store and the CurrentUser modules folder are the test's own. It registers the packed
    artifacts (a copy) as a repository, publishes out/SelfServicePurchase with Publish-PSResource for comparison,
    saves, installs, imports, updates and uninstalls SelfServicePurchase, and writes what it saw to -ResultFile as JSON.
    Once installed, it also runs -OriginalScript (a script written for Microsoft's MSCommerce module, its
    Import-Module line changed) against the local service at -Endpoint, and imports a stand-in of Microsoft's
    module beside this one.
#>
param(
    [Parameter(Mandatory)] [string] $Artifacts,
    [Parameter(Mandatory)] [string] $Newer,
    [Parameter(Mandatory)] [string] $LaidOut,
    [Parameter(Mandatory)] [string] $Work,
    [Parameter(Mandatory)] [string] $SavePath,
    [Parameter(Mandatory)] [string] $Version,
    [Parameter(Mandatory)] [string] $NextVersion,
    [Parameter(Mandatory)] [string] $ResultFile,
    # The local commerce service, its certificate and a token of the tenant that -OriginalScript changes.
    [Parameter(Mandatory)] [string] $Endpoint,
    [Parameter(Mandatory)] [string] $CertificatePath,
    [Parameter(Mandatory)] [string] $AccessToken,
    [Parameter(Mandatory)] [string] $OriginalScript,
    [switch] $SkipInstall
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

function Get-PackageFile {
    <# The files a package installs: its entries without NuGet's own (nuspec, _rels, package/, [Content_Types].xml). #>
    param([Parameter(Mandatory)] [string] $Path)

    $zip = [System.IO.Compression.ZipFile]::OpenRead($Path)
    try {
        @($zip.Entries.FullName | Where-Object { $_ -notmatch '^(_rels/|package/|\[Content_Types\]\.xml$)|\.nuspec$' } | ForEach-Object { [uri]::UnescapeDataString($_) } | Sort-Object)
    }
    finally { $zip.Dispose() }
}

function Get-PackageMetadata {
    param([Parameter(Mandatory)] [string] $Path)

    $zip = [System.IO.Compression.ZipFile]::OpenRead($Path)
    try {
        $entry = $zip.Entries | Where-Object FullName -Match '^[^/]+\.nuspec$'
        $reader = [System.IO.StreamReader]::new($entry.Open())
        $metadata = ([xml]$reader.ReadToEnd()).package.metadata
        $reader.Dispose()
        [ordered]@{
            id           = $metadata.id
            version      = $metadata.version
            authors      = $metadata.authors
            description  = $metadata.description
            copyright    = $metadata.copyright
            projectUrl   = $metadata.projectUrl
            releaseNotes = $metadata.releaseNotes
            license      = if ($metadata.license) { $metadata.license.'#text' } else { $null }
            tags         = @($metadata.tags -split '\s+' | Where-Object { $_ })
        }
    }
    finally { $zip.Dispose() }
}

function Get-FolderFile {
    param([Parameter(Mandatory)] [string] $Path)

    $base = (Resolve-Path $Path).Path
    @(Get-ChildItem -Path $base -Recurse -File -Force |
        Where-Object Name -NotMatch 'PSGetModuleInfo\.xml$' |
        ForEach-Object { [System.IO.Path]::GetRelativePath($base, $_.FullName).Replace('\', '/') } | Sort-Object)
}

$facts = [ordered]@{}
$suffix = [guid]::NewGuid().ToString('N')
$repository = "MSCommerceTest-$suffix"
$published = "MSCommercePublished-$suffix"
$released = "MSCommerceReleased-$suffix"
$feed = Join-Path $Work 'feed'
$publishedFeed = Join-Path $Work 'published'
$releasedFeed = Join-Path $Work 'released'
$null = New-Item -ItemType Directory -Path $feed, $publishedFeed, $releasedFeed
Copy-Item -Path (Join-Path $Artifacts '*') -Destination $feed

Register-PSResourceRepository -Name $repository -Uri $feed -Trusted
Register-PSResourceRepository -Name $published -Uri $publishedFeed -Trusted
Register-PSResourceRepository -Name $released -Uri $releasedFeed -Trusted
try {
    Publish-PSResource -Path $LaidOut -Repository $published
    $publishedPackage = Join-Path $publishedFeed "SelfServicePurchase.$Version.nupkg"
    $packedPackage = Join-Path $feed "SelfServicePurchase.$Version.nupkg"
    $facts.PublishedFiles = Get-PackageFile -Path $publishedPackage
    $facts.PackedFiles = Get-PackageFile -Path $packedPackage
    $facts.PublishedNuspec = Get-PackageMetadata -Path $publishedPackage
    $facts.PackedNuspec = Get-PackageMetadata -Path $packedPackage
    # The release workflow's command, with a local repository in the Gallery's place.
    Publish-PSResource -NupkgPath $packedPackage -Repository $released -ApiKey 'not-needed-by-a-local-repository'
    $facts.Released = @((Get-ChildItem -Path $releasedFeed -Filter *.nupkg).Name)
    $facts.ManifestCmdlets = @((Import-PowerShellDataFile (Join-Path $LaidOut 'SelfServicePurchase.psd1')).CmdletsToExport)

    Save-PSResource -Name SelfServicePurchase -Version $Version -Repository $repository -Path $SavePath -TrustRepository
    $facts.SavedFiles = Get-FolderFile -Path (Join-Path $SavePath 'SelfServicePurchase' $Version)

    if (-not $SkipInstall) {
        Install-PSResource -Name SelfServicePurchase -Version $Version -Repository $repository -Scope CurrentUser -TrustRepository
        $facts.Installed = @(Get-InstalledPSResource -Name SelfServicePurchase | ForEach-Object { "$($_.Version)" })

        Import-Module SelfServicePurchase
        $module = Get-Module SelfServicePurchase
        $facts.ImportedVersion = "$($module.Version)"
        $facts.ImportedFrom = $module.ModuleBase
        $facts.Commands = @((Get-Command -Module SelfServicePurchase).Name)
        $manifest = Test-ModuleManifest -Path (Join-Path $module.ModuleBase 'SelfServicePurchase.psd1')
        $facts.Manifest = [ordered]@{
            Author       = $manifest.Author
            CompanyName  = $manifest.CompanyName
            Copyright    = $manifest.Copyright
            Description  = $manifest.Description
            ProjectUri   = "$($manifest.ProjectUri)"
            LicenseUri   = "$($manifest.LicenseUri)"
            Tags         = @($manifest.Tags)
            ReleaseNotes = $manifest.ReleaseNotes
        }
        $connect = Get-Command Connect-MSCommerce
        $facts.CommandSource = $connect.Source
        $facts.CommandType = "$($connect.CommandType)"
        $facts.CommandAssembly = $connect.ImplementingType.Assembly.GetName().Name
        Remove-Module SelfServicePurchase

        # Microsoft's name is not this package's.
        try { Import-Module MSCommerce -ErrorAction Stop; $facts.ImportByMicrosoftName = 'imported' }
        catch { $facts.ImportByMicrosoftName = $_.FullyQualifiedErrorId }

        # A script written for Microsoft's module, run as a file. Where its Connect-MSCommerce would have
        # asked an admin to sign in, the session's defaults sign in to the local service instead.
        $PSDefaultParameterValues['Connect-MSCommerce:Endpoint'] = $Endpoint
        $PSDefaultParameterValues['Connect-MSCommerce:TrustedCertificate'] = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($CertificatePath)
        $PSDefaultParameterValues['Connect-MSCommerce:AccessToken'] = ConvertTo-SecureString $AccessToken -AsPlainText -Force
        $facts.OriginalScriptProblems = @(& $OriginalScript *>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -or $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object { "$_" })
        $facts.OriginalScriptModule = (Get-Module SelfServicePurchase).ModuleBase
        $PSDefaultParameterValues.Clear()
        Remove-Module SelfServicePurchase

        # Beside Microsoft's module (a script module: its commands are functions), here a stand-in of the same shape.
        $standIn = Join-Path $Work 'stand-in' 'MSCommerce'
        $null = New-Item -ItemType Directory -Path $standIn
        Set-Content -Path (Join-Path $standIn 'MSCommerce.psm1') -Value @'
function Connect-MSCommerce { "Microsoft's Connect-MSCommerce" }
function Get-MSCommercePolicies { "Microsoft's Get-MSCommercePolicies" }
Export-ModuleMember -Function Connect-MSCommerce, Get-MSCommercePolicies
'@
        Import-Module (Join-Path $standIn 'MSCommerce.psm1')
        Import-Module SelfServicePurchase
        $facts.BesideMicrosoft = [ordered]@{
            SourceWithOursImportedLast = (Get-Command Connect-MSCommerce).Source
            Answered                   = $(try { "$(Get-MSCommercePolicies)" } catch { $_.FullyQualifiedErrorId })
            Qualified                  = "$((Get-Command SelfServicePurchase\Connect-MSCommerce).CommandType)"
        }
        Remove-Module MSCommerce
        $facts.BesideMicrosoft.SourceAfterRemovingMicrosoft = (Get-Command Connect-MSCommerce).Source
        $facts.BesideMicrosoft.AnsweredAfterRemovingMicrosoft = $(try { "$(Get-MSCommercePolicies)" } catch { $_.FullyQualifiedErrorId })
        Remove-Module SelfServicePurchase
    }

    # A newer version reaches the repository.
    Copy-Item -Path (Join-Path $Newer "SelfServicePurchase.$NextVersion.nupkg") -Destination $feed
    $facts.Found = @(Find-PSResource -Name SelfServicePurchase -Repository $repository -Version '*' | Sort-Object Version -Descending | ForEach-Object { "$($_.Version)" })

    if (-not $SkipInstall) {
        Update-PSResource -Name SelfServicePurchase -Repository $repository -Scope CurrentUser -TrustRepository
        $facts.AfterUpdate = @(Get-InstalledPSResource -Name SelfServicePurchase | ForEach-Object { "$($_.Version)" })
        $facts.ListedAfterUpdate = "$((Get-Module SelfServicePurchase -ListAvailable | Sort-Object Version -Descending | Select-Object -First 1).Version)"

        Uninstall-PSResource -Name SelfServicePurchase -Version '*' -Scope CurrentUser
        $facts.AfterUninstall = @(Get-InstalledPSResource -Name SelfServicePurchase -ErrorAction SilentlyContinue).Count + @(Get-Module SelfServicePurchase -ListAvailable).Count
    }
}
finally {
    Unregister-PSResourceRepository -Name $repository, $published, $released
}
$facts.RepositoriesLeft = @(Get-PSResourceRepository | Where-Object Name -In $repository, $published, $released).Count

$facts | ConvertTo-Json -Depth 5 | Set-Content -Path $ResultFile -Encoding utf8
