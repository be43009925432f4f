#
# Module manifest for MSCommerce. The build copies this file to out/MSCommerce/ and stamps
# ModuleVersion from Directory.Build.props, the one place the version lives.
#
@{
    RootModule           = 'MSCommerce.dll'
    ModuleVersion        = '0.0.0'
    GUID                 = '5b0c7a0e-4f57-4d1e-9a3e-2c6f1d8b7e41'
    Author               = 'MSCommerce for .NET contributors'
    CompanyName          = 'MSCommerce for .NET contributors'
    Copyright            = '(c) MSCommerce for .NET contributors. MIT License.'
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
            Tags       = @('Microsoft365', 'SelfServicePurchase', 'MSCommerce', 'Licensing', 'PowerBI', 'PowerApps')
            LicenseUri = 'https://opensource.org/licenses/MIT'
        }
    }
}
