#
# Module manifest for SelfServicePurchase, the MSCommerce cmdlets under a name of their own (Microsoft's module owns
# the name MSCommerce on the PowerShell Gallery). The build (build/MSCommerce.ManifestBuilder) copies this file to
# out/SelfServicePurchase/ and stamps it: ModuleVersion (and Prerelease) from the version in Directory.Build.props,
# ProjectUri and LicenseUri from its RepositoryUrl, ReleaseNotes from that version's section of CHANGELOG.md. Those keys
# must stay in this file (with '' as their value): the build fails when one is missing.
# The module's package (dotnet pack) takes its description, authors, copyright and tags from here.
# No FormatsToProcess: the cmdlets add MSCommerce.Format.ps1xml to a runspace with their first run there
# (src/MSCommerce/Loading/FormatViews.cs), which spares Import-Module the rebuild of the format table.
#
@{
    RootModule           = 'MSCommerce.dll'
    ModuleVersion        = '0.0.0'
    GUID                 = '5b0c7a0e-4f57-4d1e-9a3e-2c6f1d8b7e41'
    Author               = 'MSCommerce for .NET contributors'
    CompanyName          = 'MSCommerce for .NET contributors'
    Copyright            = 'Copyright (c) MSCommerce for .NET contributors. MIT License.'
    Description          = 'Allow or block self-service purchase of Microsoft 365 products (Power BI, Power Apps, Power Automate, Project, Visio, ...) through the AllowSelfServicePurchase policy. Cmdlet-compatible with Microsoft''s MSCommerce module: the same cmdlet names and parameters, so a script written for it runs once its Import-Module MSCommerce reads Import-Module SelfServicePurchase.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    CmdletsToExport      = @(
        'Add-MSCommerceSelfServicePurchaseUser'
        'Connect-MSCommerce'
        'Disable-MSCommerceSelfServicePurchase'
        'Disconnect-MSCommerce'
        'Export-MSCommercePolicyBaseline'
        'Get-MSCommerceConnection'
        'Get-MSCommercePartnerCustomer'
        'Get-MSCommercePolicies'
        'Get-MSCommercePolicy'
        'Get-MSCommerceProductPolicies'
        'Get-MSCommerceProductPolicy'
        'Get-MSCommerceSelfServicePurchases'
        'Move-MSCommerceSelfServicePurchase'
        'Remove-MSCommerceSelfServicePurchaseUser'
        'Set-MSCommerceSelfServicePurchase'
        'Sync-MSCommercePolicyBaseline'
        'Test-MSCommercePolicyBaseline'
        'Update-MSCommerceProductPolicy'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('MSCommerce', 'SelfServicePurchase', 'Microsoft365', 'Licensing', 'PowerBI', 'PowerApps', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = ''
            LicenseUri   = ''
            ReleaseNotes = ''
        }
    }
}
