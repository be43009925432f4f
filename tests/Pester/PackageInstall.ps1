<#
    Packages.Tests.ps1 runs this in a new pwsh whose home is a temp folder, so that PSResourceGet's
    repository store and the CurrentUser modules folder are the test's own. It registers the packed
    artifacts (a copy) as a repository, publishes out/MSCommerce with Publish-PSResource for comparison,
    saves, installs, imports, updates and uninstalls MSCommerce, and writes what it saw to -ResultFile as JSON.
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
    $publishedPackage = Join-Path $publishedFeed "MSCommerce.$Version.nupkg"
    $packedPackage = Join-Path $feed "MSCommerce.$Version.nupkg"
    $facts.PublishedFiles = Get-PackageFile -Path $publishedPackage
    $facts.PackedFiles = Get-PackageFile -Path $packedPackage
    $facts.PublishedNuspec = Get-PackageMetadata -Path $publishedPackage
    $facts.PackedNuspec = Get-PackageMetadata -Path $packedPackage
    # The release workflow's command, with a local repository in the Gallery's place.
    Publish-PSResource -NupkgPath $packedPackage -Repository $released -ApiKey 'not-needed-by-a-local-repository'
    $facts.Released = @((Get-ChildItem -Path $releasedFeed -Filter *.nupkg).Name)
    $facts.ManifestCmdlets = @((Import-PowerShellDataFile (Join-Path $LaidOut 'MSCommerce.psd1')).CmdletsToExport)

    Save-PSResource -Name MSCommerce -Version $Version -Repository $repository -Path $SavePath -TrustRepository
    $facts.SavedFiles = Get-FolderFile -Path (Join-Path $SavePath 'MSCommerce' $Version)

    if (-not $SkipInstall) {
        Install-PSResource -Name MSCommerce -Version $Version -Repository $repository -Scope CurrentUser -TrustRepository
        $facts.Installed = @(Get-InstalledPSResource -Name MSCommerce | ForEach-Object { "$($_.Version)" })

        Import-Module MSCommerce
        $module = Get-Module MSCommerce
        $facts.ImportedVersion = "$($module.Version)"
        $facts.ImportedFrom = $module.ModuleBase
        $facts.Commands = @((Get-Command -Module MSCommerce).Name)
        $manifest = Test-ModuleManifest -Path (Join-Path $module.ModuleBase 'MSCommerce.psd1')
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
        Remove-Module MSCommerce
    }

    # A newer version reaches the repository.
    Copy-Item -Path (Join-Path $Newer "MSCommerce.$NextVersion.nupkg") -Destination $feed
    $facts.Found = @(Find-PSResource -Name MSCommerce -Repository $repository -Version '*' | Sort-Object Version -Descending | ForEach-Object { "$($_.Version)" })

    if (-not $SkipInstall) {
        Update-PSResource -Name MSCommerce -Repository $repository -Scope CurrentUser -TrustRepository
        $facts.AfterUpdate = @(Get-InstalledPSResource -Name MSCommerce | ForEach-Object { "$($_.Version)" })
        $facts.ListedAfterUpdate = "$((Get-Module MSCommerce -ListAvailable | Sort-Object Version -Descending | Select-Object -First 1).Version)"

        Uninstall-PSResource -Name MSCommerce -Version '*' -Scope CurrentUser
        $facts.AfterUninstall = @(Get-InstalledPSResource -Name MSCommerce -ErrorAction SilentlyContinue).Count + @(Get-Module MSCommerce -ListAvailable).Count
    }
}
finally {
    Unregister-PSResourceRepository -Name $repository, $published, $released
}
$facts.RepositoriesLeft = @(Get-PSResourceRepository | Where-Object Name -In $repository, $published, $released).Count

$facts | ConvertTo-Json -Depth 5 | Set-Content -Path $ResultFile -Encoding utf8
