#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Windows PowerShell 5.1 cannot run here, so its build is kept honest by reading it: the module's
    dependencies/Desktop folder holds every assembly the cmdlets need there, each at a version that
    satisfies every reference to it, and the cmdlet assembly references only what 5.1 has or what
    the folder holds. Assemblies are read as metadata, never loaded.
#>

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $desktopFolder = Join-Path (Split-Path (Get-MSCommerceManifestPath -TestRoot $PSScriptRoot)) 'dependencies' 'Desktop'
    $assemblies = @('MSCommerce.dll') + @(Get-ChildItem $desktopFolder -Filter *.dll | ForEach-Object { "dependencies/Desktop/$($_.Name)" })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $script:module = Split-Path (Get-MSCommerceManifestPath -TestRoot $PSScriptRoot)
    $script:desktop = Join-Path $script:module 'dependencies' 'Desktop'

    function Get-AssemblyReference {
        param([Parameter(Mandatory)] [string] $Path)

        $stream = [System.IO.File]::OpenRead($Path)
        try {
            $reader = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader([System.Reflection.PortableExecutable.PEReader]::new($stream))
            foreach ($handle in $reader.AssemblyReferences) {
                $reference = $reader.GetAssemblyReference($handle)
                [pscustomobject]@{ Name = $reader.GetString($reference.Name); Version = $reference.Version; From = Split-Path $Path -Leaf }
            }
        }
        finally {
            $stream.Dispose()
        }
    }

    # What .NET Framework 4.7.2 itself provides to a netstandard2.0 library: the facades of the
    # netstandard2.0 reference set, plus the host's own PowerShell.
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget' 'packages' }
    $script:framework = @(Get-ChildItem (Join-Path $packages 'netstandard.library' '2.0.3' 'build' 'netstandard2.0' 'ref') -Filter *.dll).BaseName +
        'mscorlib', 'System.Management.Automation'
    $script:shipped = @{}
    foreach ($file in Get-ChildItem $script:desktop -Filter *.dll) {
        $script:shipped[$file.BaseName] = [System.Reflection.AssemblyName]::GetAssemblyName($file.FullName).Version
    }
}

Describe 'The Windows PowerShell 5.1 build' {
    It 'ships the client and exactly these dependencies in dependencies/Desktop' {
        @($script:shipped.Keys | Sort-Object) | Should -Be @(
            'Microsoft.Bcl.AsyncInterfaces', 'Microsoft.Bcl.TimeProvider', 'Microsoft.Identity.Client', 'Microsoft.Identity.Client.Extensions.Msal', 'Microsoft.IdentityModel.Abstractions',
            'MSCommerce.Client', 'Polly.Core', 'System.Buffers', 'System.ComponentModel.Annotations', 'System.Diagnostics.DiagnosticSource',
            'System.Formats.Asn1', 'System.IO.FileSystem.AccessControl', 'System.Memory', 'System.Numerics.Vectors', 'System.Runtime.CompilerServices.Unsafe',
            'System.Security.AccessControl', 'System.Security.Cryptography.Cng', 'System.Security.Cryptography.ProtectedData', 'System.Security.Principal.Windows',
            'System.Text.Encodings.Web', 'System.Text.Json', 'System.Threading.Tasks.Extensions'
        )
    }

    It 'has a cmdlet assembly that references the client, PowerShell and BCL polyfills only, never MSAL, Polly or JSON' {
        $names = @(Get-AssemblyReference (Join-Path $script:module 'MSCommerce.dll')).Name | Sort-Object
        $names | Should -Be @('Microsoft.Bcl.AsyncInterfaces', 'MSCommerce.Client', 'netstandard', 'System.Management.Automation', 'System.Runtime.Loader', 'System.Threading.Tasks.Extensions') -Because 'System.Runtime.Loader is named only by the PowerShell 7 load context, which 5.1 never runs'
    }

    It 'satisfies every reference of <_> from the folder or from .NET Framework' -ForEach $assemblies {
        foreach ($reference in Get-AssemblyReference (Join-Path $script:module $_)) {
            if ($reference.Name -eq 'System.Runtime.Loader' -and $_ -eq 'MSCommerce.dll') { continue }
            if ($script:shipped.ContainsKey($reference.Name)) {
                $script:shipped[$reference.Name] | Should -BeGreaterOrEqual $reference.Version -Because "$($reference.From) needs $($reference.Name) $($reference.Version)"
            }
            else {
                $script:framework | Should -Contain $reference.Name -Because "$($reference.From) needs $($reference.Name), which neither the folder nor .NET Framework 4.7.2 has"
            }
        }
    }

    It 'keeps the PowerShell 7 dependencies apart, without the polyfills PowerShell 7 already has' {
        @(Get-ChildItem (Join-Path $script:module 'dependencies' 'Core') -Filter *.dll).BaseName | Sort-Object |
            Should -Be @('Microsoft.Bcl.AsyncInterfaces', 'Microsoft.Identity.Client', 'Microsoft.Identity.Client.Extensions.Msal', 'Microsoft.IdentityModel.Abstractions', 'MSCommerce.Client', 'Polly.Core', 'System.Security.Cryptography.ProtectedData')
    }

    It 'gives PowerShell 7 hosts only the facade of Microsoft.Bcl.AsyncInterfaces, which defines no type of its own' {
        $stream = [System.IO.File]::OpenRead((Join-Path $script:module 'dependencies' 'Core' 'Microsoft.Bcl.AsyncInterfaces.dll'))
        try {
            $reader = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader([System.Reflection.PortableExecutable.PEReader]::new($stream))
            $public = @($reader.TypeDefinitions | ForEach-Object { $reader.GetTypeDefinition($_) } | Where-Object { $_.Attributes -band [System.Reflection.TypeAttributes]::Public })
            $public.Count | Should -Be 0
            $reader.ExportedTypes.Count | Should -BeGreaterThan 0 -Because 'it forwards IAsyncEnumerable and friends to the runtime'
        }
        finally {
            $stream.Dispose()
        }
    }

    It 'has nothing but the cmdlet assembly at the module root' {
        @(Get-ChildItem $script:module -Filter *.dll).Name | Should -Be @('MSCommerce.dll')
    }
}
