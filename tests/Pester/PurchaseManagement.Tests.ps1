#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Cancelling, taking over and changing self-service purchases in real pwsh, against the local
    service's demo tenant (Dana left Contoso; her Power Automate purchase still bills) and tenants of
    their own; mirrors tests/MSCommerce.Module.Tests/PurchaseManagementCmdletTests.cs.
#>

BeforeDiscovery {
    # The demo identities the test cases name ($DemoData).
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'LocalService.ps1')
    $script:service = Start-MSCommerceTestSession -TestRoot $PSScriptRoot
    $script:admin = Connect-LocalCommerceServiceAs -Service $script:service -UserPrincipalName $DemoData.AdminUpn
    $script:danaPurchase = 'c0000000-0000-0000-0000-000000000004'
    $script:alicePowerBi = 'c0000000-0000-0000-0000-000000000002'

    function Get-Writes {
        @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'requests') |
            Where-Object { $_.method -in 'POST', 'PATCH', 'PUT', 'DELETE' -and $_.path -like '/v1.0/*' }
    }

    function New-Purchase {
        param([string] $Domain, [string] $Purchaser, [int] $Quantity = 1, [string[]] $Assigned = @(), [string] $ProductId = 'CFQ7TTC0H9MP', [switch] $Trial)
        # Without a purchaser: a subscription the organisation pays for.
        $body = @{ productId = $ProductId; quantity = $Quantity; assignedUsers = $Assigned; isTrial = [bool]$Trial }
        if ($Purchaser) { $body.purchaser = $Purchaser }
        (Invoke-LocalServiceAdmin -Service $script:service -Method POST -Path "tenants/$Domain/purchases" -Body $body).subscriptionId
    }

    function New-User {
        param([string] $Domain, [string] $Name, [string[]] $Roles = @())
        Invoke-LocalServiceAdmin -Service $script:service -Method POST -Path "tenants/$Domain/users" -Body @{ userPrincipalName = "$Name@$Domain"; roles = $Roles }
    }
}

AfterAll {
    Stop-MSCommerceTestSession -Service $script:service
}

Describe 'The purchases of people who left' {
    It 'are marked in the table and selected on the service with -PurchaserState Deleted' {
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path 'requests'

        $left = @(Get-MSCommerceSelfServicePurchases -Connection $script:admin -PurchaserState Deleted -Status Active)
        $table = Get-MSCommerceSelfServicePurchases -Connection $script:admin -PurchaserState deleted | Format-Table | Out-String -Width 120

        $left.SubscriptionId | Should -Be $script:danaPurchase
        $left.PurchaserState | Should -Be 'Deleted'
        $table | Should -Match '\(left\) dana@contoso\.onmicrosoft\.com'
        @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'requests?method=GET')[0].path | Should -Match 'purchaserState=Deleted'
    }

    It 'refuses an unknown -PurchaserState before any request' {
        { Get-MSCommerceSelfServicePurchases -Connection $script:admin -PurchaserState Gone } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'are shown, not cancelled, with -WhatIf in a new pwsh' {
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path 'requests'
        $token = Get-LocalServiceToken -Service $script:service -UserPrincipalName $DemoData.AdminUpn
        $script = @'
param($Manifest, $Endpoint, $Certificate, $Token)
Import-Module $Manifest
$null = Connect-MSCommerce -Endpoint $Endpoint -TrustedCertificate ([System.Security.Cryptography.X509Certificates.X509Certificate2]::new($Certificate)) -AccessToken (ConvertTo-SecureString $Token -AsPlainText -Force)
Get-MSCommerceSelfServicePurchases -PurchaserState Deleted -Status Active | Disable-MSCommerceSelfServicePurchase -WhatIf
'@
        $certificate = Join-Path $script:service.Folder 'commerce.db.cer'

        $run = Invoke-FreshPwsh -Script $script -ArgumentList @((Get-MSCommerceManifestPath -TestRoot $PSScriptRoot), $script:service.BaseAddress, $certificate, $token)

        $run.ExitCode | Should -Be 0
        $run.Output | Should -Match 'What if: Performing the operation "Cancel the self-service purchase" on target "Power Automate per user × 3, bought by Dana Example \(left\), renews \d{4}-\d{2}-\d{2}"'
        @(Get-Writes).Count | Should -Be 0
        (Get-MSCommerceSelfServicePurchases -Connection $script:admin -PurchaserState Deleted -Status Active).SubscriptionId | Should -Be $script:danaPurchase
    }

    It 'are cancelled by piping them into Disable-MSCommerceSelfServicePurchase -Confirm:$false, and the audit says so' {
        Get-MSCommerceSelfServicePurchases -Connection $script:admin -PurchaserState Deleted -Status Active |
            Disable-MSCommerceSelfServicePurchase -Connection $script:admin -Confirm:$false

        @(Get-MSCommerceSelfServicePurchases -Connection $script:admin -PurchaserState Deleted -Status Active).Count | Should -Be 0
        $audit = @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'tenants/contoso.onmicrosoft.com/purchaseAudit')
        $audit[-1].action | Should -Be 'Cancelled'
        $audit[-1].subscriptionId | Should -Be $script:danaPurchase
    }

    It 'cannot be cancelled twice: the second time is a PurchaseAlreadyCancelled error and the pipeline goes on' {
        $results = @($script:danaPurchase, $script:alicePowerBi | ForEach-Object { [pscustomobject]@{ SubscriptionId = $_ } } |
            Disable-MSCommerceSelfServicePurchase -Connection $script:admin -WhatIf -ErrorVariable failed -ErrorAction SilentlyContinue)

        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'PurchaseAlreadyCancelled,*'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $failed[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        $results.Count | Should -Be 0
    }
}

Describe 'A cancel whose answer was lost' {
    It 'is retried and reported as done, not as already cancelled, and the audit has one cancellation' {
        $tenant = Connect-IsolatedTenant -Service $script:service
        $buyer = (New-User -Domain $tenant.Domain -Name 'buyer').userPrincipalName
        $purchase = New-Purchase -Domain $tenant.Domain -Purchaser $buyer -Quantity 2
        # The service cancels the purchase, then drops the connection instead of answering.
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method POST -Path 'faults' -Body @{
            method = 'POST'; path = "/v1.0/selfServicePurchases/$purchase/cancel"; status = 503; dropConnection = $true; afterProcessing = $true }
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path 'requests'

        $cancelled = Disable-MSCommerceSelfServicePurchase $purchase -Confirm:$false -PassThru -ErrorVariable failed

        $failed.Count | Should -Be 0
        $cancelled.Status | Should -Be 'Cancelled'
        (Get-MSCommerceSelfServicePurchases).Status | Should -Be 'Cancelled'
        @(Get-Writes | Where-Object path -eq "/v1.0/selfServicePurchases/$purchase/cancel").Count | Should -Be 2
        @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path "tenants/$($tenant.Domain)/purchaseAudit").action | Should -Be @('Cancelled')
    }
}

Describe 'Move-MSCommerceSelfServicePurchase' {
    It 'moves a purchase''s users to the organisation''s subscription of the product, then cancels it, each step audited' {
        $result = Move-MSCommerceSelfServicePurchase -Connection $script:admin -SubscriptionId $script:alicePowerBi -Confirm:$false -PassThru

        $result.Purchase.Status | Should -Be 'Cancelled'
        $result.Purchase.AssignedLicenses | Should -Be 0
        $result.MovedUsers.UserPrincipalName | Should -Be @($DemoData.AliceUpn, $DemoData.BobUpn)
        $audit = @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path 'tenants/contoso.onmicrosoft.com/purchaseAudit') | Where-Object subscriptionId -eq $script:alicePowerBi
        $audit.action | Should -Be @('UserMoved', 'UserMoved', 'Cancelled')
        $audit[0].detail | Should -BeLike 'alice@contoso.onmicrosoft.com → Power BI Pro (d0000000-0000-0000-0000-000000000002)'
    }

    It 'moves nothing without room for every user and says how many licences are missing' {
        $tenant = Connect-IsolatedTenant -Service $script:service
        $users = 'ann', 'ben', 'cat' | ForEach-Object { (New-User -Domain $tenant.Domain -Name $_).userPrincipalName }
        $purchase = New-Purchase -Domain $tenant.Domain -Purchaser $users[0] -Quantity 3 -Assigned $users
        $null = New-Purchase -Domain $tenant.Domain -Quantity 1

        { Move-MSCommerceSelfServicePurchase $purchase -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'NotEnoughLicences*' -ExpectedMessage '2 licence(s) missing*'
        (Get-MSCommerceSelfServicePurchases -IncludeAssignedUsers).AssignedLicenses | Should -Be 3
    }

    It 'changes nothing when the take-over call fails, and finishes when run again' {
        $tenant = Connect-IsolatedTenant -Service $script:service
        $ann = New-User -Domain $tenant.Domain -Name 'ann'
        $ben = New-User -Domain $tenant.Domain -Name 'ben'
        $purchase = New-Purchase -Domain $tenant.Domain -Purchaser $ann.userPrincipalName -Quantity 2 -Assigned $ann.userPrincipalName, $ben.userPrincipalName
        $central = New-Purchase -Domain $tenant.Domain -Quantity 5
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method POST -Path 'faults' -Body @{
            method = 'POST'; path = "/v1.0/selfServicePurchases/$purchase/takeOver"; status = 503; count = 50; retryAfterSeconds = 0 }

        Move-MSCommerceSelfServicePurchase $purchase -Destination $central -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ServiceUnavailable,*'
        $left = Get-MSCommerceSelfServicePurchases -IncludeAssignedUsers
        $left.Status | Should -Be 'Active'
        $left.AssignedUsers.UserPrincipalName | Should -Be @($ann.userPrincipalName, $ben.userPrincipalName)
        @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path "tenants/$($tenant.Domain)/purchaseAudit").Count | Should -Be 0

        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path 'faults'
        Move-MSCommerceSelfServicePurchase $purchase -Destination $central -Confirm:$false

        (Get-MSCommerceSelfServicePurchases).Status | Should -Be 'Cancelled'
        @(Invoke-LocalServiceAdmin -Service $script:service -Method GET -Path "tenants/$($tenant.Domain)/purchaseAudit").action | Should -Be @('UserMoved', 'UserMoved', 'Cancelled')
    }

    It 'takes over a purchase of someone who left as the README shows: colleagues move, a departed user''s licence is released, and the output says so' {
        $tenant = Connect-IsolatedTenant -Service $script:service
        $leaver = (New-User -Domain $tenant.Domain -Name 'leaver').userPrincipalName
        $u0 = (New-User -Domain $tenant.Domain -Name 'u0').userPrincipalName
        $u1 = (New-User -Domain $tenant.Domain -Name 'u1').userPrincipalName
        $purchase = New-Purchase -Domain $tenant.Domain -Purchaser $leaver -Quantity 2 -Assigned $u0, $u1
        # Room for the one user still here: the one who left needs no licence.
        $central = New-Purchase -Domain $tenant.Domain -Quantity 1
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path "tenants/$($tenant.Domain)/users/$leaver"
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path "tenants/$($tenant.Domain)/users/$u0"

        $left = Get-MSCommerceSelfServicePurchases -PurchaserState Deleted -Status Active -IncludeAssignedUsers
        $result = $left | Where-Object AssignedLicenses -gt 0 | Move-MSCommerceSelfServicePurchase -Confirm:$false -PassThru
        $shown = $result | Out-String -Width 200

        $result.SubscriptionId | Should -Be $purchase
        $result.MovedUsers.UserPrincipalName | Should -Be $u1
        $result.ReleasedUsers.UserPrincipalName | Should -Be $u0
        $result.ReleasedUsers.State | Should -Be 'Deleted'
        $result.Purchase.Status | Should -Be 'Cancelled'
        $result.Destination.SubscriptionId | Should -Be $central
        $shown | Should -Match "Moved\s+: $([regex]::Escape($u1))"
        $shown | Should -Match "Released \(left\)\s+: $([regex]::Escape($u0))"
        $shown | Should -Match 'Status\s+: Cancelled'
        @(Get-MSCommerceSelfServicePurchases -PurchaserState Deleted -Status Active).Count | Should -Be 0
        (Get-MSCommerceSelfServicePurchases -IncludeAssignedUsers | Where-Object SubscriptionId -eq $purchase).AssignedLicenses | Should -Be 0
    }
}

Describe 'Move-MSCommerceSelfServicePurchase at the console' {
    It 'says in one line what became of each purchase piped in, which -InformationAction Ignore silences' {
        $tenant = Connect-IsolatedTenant -Service $script:service
        $ann = (New-User -Domain $tenant.Domain -Name 'ann').userPrincipalName
        $ben = (New-User -Domain $tenant.Domain -Name 'ben').userPrincipalName
        $first = New-Purchase -Domain $tenant.Domain -Purchaser $ann -Quantity 1 -Assigned $ann
        $second = New-Purchase -Domain $tenant.Domain -Purchaser $ben -Quantity 1
        $third = New-Purchase -Domain $tenant.Domain -Purchaser $ben -Quantity 1 -Assigned $ben
        $central = New-Purchase -Domain $tenant.Domain -Quantity 5

        $shown = @($first, $second | ForEach-Object { [pscustomobject]@{ SubscriptionId = $_ } } | Move-MSCommerceSelfServicePurchase -Confirm:$false 6>&1)
        $silent = @(Move-MSCommerceSelfServicePurchase $third -Confirm:$false -InformationAction Ignore 6>&1)

        $shown.Count | Should -Be 2
        "$($shown[0])" | Should -Be "Power BI Pro ($first): moved 1 user(s) to Power BI Pro ($central); cancelled."
        "$($shown[1])" | Should -Be "Power BI Pro ($second): no user to move; cancelled."
        $shown[0].Tags | Should -Contain 'PSHOST'
        $silent.Count | Should -Be 0
        (Get-MSCommerceSelfServicePurchases).Status | Should -Be @('Cancelled', 'Cancelled', 'Cancelled')
    }
}

Describe 'Changing quantity and assignments' {
    BeforeAll {
        $script:tenant = Connect-IsolatedTenant -Service $script:service
        $script:buyer = (New-User -Domain $script:tenant.Domain -Name 'buyer').userPrincipalName
        $script:colleague = (New-User -Domain $script:tenant.Domain -Name 'colleague').userPrincipalName
        $script:purchase = New-Purchase -Domain $script:tenant.Domain -Purchaser $script:buyer -Quantity 2
    }

    It 'assigns licences to users piped by name, and -WhatIf sends nothing' {
        $null = Invoke-LocalServiceAdmin -Service $script:service -Method DELETE -Path 'requests'
        $script:buyer | Add-MSCommerceSelfServicePurchaseUser -SubscriptionId $script:purchase -WhatIf
        @(Get-Writes).Count | Should -Be 0

        $after = $script:buyer, $script:colleague | Add-MSCommerceSelfServicePurchaseUser -SubscriptionId $script:purchase -Confirm:$false -PassThru

        $after[-1].AssignedLicenses | Should -Be 2
    }

    It 'refuses a quantity below the licences assigned with QuantityBelowAssigned' {
        { Get-MSCommerceSelfServicePurchases | Set-MSCommerceSelfServicePurchase -Quantity 1 -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'QuantityBelowAssigned*'
    }

    It 'a full purchase refuses another user with NoFreeLicences' {
        $third = (New-User -Domain $script:tenant.Domain -Name 'third').userPrincipalName
        { Add-MSCommerceSelfServicePurchaseUser $script:purchase -User $third -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'NoFreeLicences*'
    }

    It 'takes licences back from the purchase''s AssignedUsers piped in, then lowers the quantity' {
        (Get-MSCommerceSelfServicePurchases -IncludeAssignedUsers).AssignedUsers |
            Where-Object UserPrincipalName -eq $script:colleague |
            Remove-MSCommerceSelfServicePurchaseUser -SubscriptionId $script:purchase -Confirm:$false

        $changed = Set-MSCommerceSelfServicePurchase -SubscriptionId $script:purchase -Quantity 1 -Confirm:$false -PassThru

        $changed.Quantity | Should -Be 1
        $changed.AssignedLicenses | Should -Be 1
    }

    It 'refuses a trial''s quantity with TrialQuantityFixed' {
        $trial = New-Purchase -Domain $script:tenant.Domain -Purchaser $script:buyer -Quantity 25 -ProductId 'CFQ7TTC0HD33' -Trial
        { Set-MSCommerceSelfServicePurchase $trial -Quantity 5 -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'TrialQuantityFixed*'
    }

    It 'asks before changing what the tenant is billed, and changes nothing when it cannot ask' {
        $billed = New-Purchase -Domain $script:tenant.Domain -Purchaser $script:buyer -Quantity 3

        # This suite's pwsh is -NonInteractive: a command that asks first fails there instead of changing anything.
        { Set-MSCommerceSelfServicePurchase $billed -Quantity 9 -ErrorAction Stop } | Should -Throw '*NonInteractive*'

        (Get-MSCommerceSelfServicePurchases | Where-Object SubscriptionId -eq $billed).Quantity | Should -Be 3
    }

    It 'says in one line what changed, which -InformationAction Ignore silences' {
        $billed = New-Purchase -Domain $script:tenant.Domain -Purchaser $script:buyer -Quantity 3

        $shown = @(Set-MSCommerceSelfServicePurchase $billed -Quantity 4 -Confirm:$false 6>&1)
        $silent = @(Set-MSCommerceSelfServicePurchase $billed -Quantity 5 -Confirm:$false -InformationAction Ignore 6>&1)

        $shown.Count | Should -Be 1
        "$($shown[0])" | Should -Be "Power BI Pro ($billed): quantity 3 → 4."
        $shown[0].Tags | Should -Contain 'PSHOST'
        $silent.Count | Should -Be 0
        (Get-MSCommerceSelfServicePurchases | Where-Object SubscriptionId -eq $billed).Quantity | Should -Be 5
    }
}

Describe 'Who may change purchases' {
    It 'refuses a Global Reader with PermissionDenied naming the roles: <Name>' -ForEach @(
        @{ Name = 'Disable'; Command = { param($Id) Disable-MSCommerceSelfServicePurchase $Id -Confirm:$false -ErrorAction Stop } }
        @{ Name = 'Set'; Command = { param($Id) Set-MSCommerceSelfServicePurchase $Id -Quantity 9 -Confirm:$false -ErrorAction Stop } }
        @{ Name = 'Add'; Command = { param($Id) Add-MSCommerceSelfServicePurchaseUser $Id -User $DemoData.BobUpn -Confirm:$false -ErrorAction Stop } }
        @{ Name = 'Remove'; Command = { param($Id) Remove-MSCommerceSelfServicePurchaseUser $Id -User $DemoData.AliceUpn -Confirm:$false -ErrorAction Stop } }
        @{ Name = 'Move'; Command = { param($Id) Move-MSCommerceSelfServicePurchase $Id -Confirm:$false -ErrorAction Stop } }
    ) {
        # A Power BI Pro purchase held by alice: the organisation's Power BI Pro subscription has room, so only the role stands in the way.
        $purchase = New-Purchase -Domain $DemoData.ContosoDomain -Purchaser $DemoData.AliceUpn -Quantity 10 -Assigned $DemoData.AliceUpn
        $null = Connect-LocalCommerceServiceAs -Service $script:service -UserPrincipalName $DemoData.GlobalReaderUpn

        $thrown = { & $Command $purchase } | Should -Throw -ErrorId 'AccessDenied*' -ExpectedMessage '*Billing Administrator*' -PassThru

        $thrown.CategoryInfo.Category | Should -Be 'PermissionDenied'
        (Get-MSCommerceSelfServicePurchases -Connection $script:admin -ProductId CFQ7TTC0H9MP -Status Active -IncludeAssignedUsers | Where-Object SubscriptionId -eq $purchase).AssignedLicenses | Should -Be 1
    }

    It 'lets a partner with delegated Billing Administrator cancel in the customer tenant through its connection' {
        $partner = Connect-LocalCommerceServiceAs -Service $script:service -UserPrincipalName $DemoData.PartnerUpn -Tenant $DemoData.ContosoDomain

        $cancelled = Get-MSCommerceSelfServicePurchases -Connection $partner -Type Trial -Status Active |
            Disable-MSCommerceSelfServicePurchase -Connection $partner -Confirm:$false -PassThru

        $cancelled.SubscriptionId | Should -Be 'c0000000-0000-0000-0000-000000000009'
        $cancelled.Status | Should -Be 'Cancelled'
    }
}
