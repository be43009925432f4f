#
# Module manifest for MSCommerce. The build (build/Module.targets) copies this file to out/MSCommerce/
# and stamps it: ModuleVersion (and Prerelease) from the version in Directory.Build.props, ProjectUri and
# LicenseUri from its RepositoryUrl, ReleaseNotes from that version's section of CHANGELOG.md.
# The module's package (dotnet pack) takes its description, authors, copyright and tags from here.
#
@{
    RootModule           = 'MSCommerce.dll'
    ModuleVersion        = '0.0.0'
    GUID                 = '5b0c7a0e-4f57-4d1e-9a3e-2c6f1d8b7e41'
    Author               = 'MSCommerce for .NET contributors'
    CompanyName          = 'MSCommerce for .NET contributors'
    Copyright            = 'Copyright (c) MSCommerce for .NET contributors. MIT License.'
    Description          = 'Allow or block self-service purchase of Microsoft 365 products (Power BI, Power Apps, Power Automate, Project, Visio, ...) through the AllowSelfServicePurchase policy. Cmdlet-compatible with Microsoft''s MSCommerce module.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('MSCommerce.Format.ps1xml')
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
