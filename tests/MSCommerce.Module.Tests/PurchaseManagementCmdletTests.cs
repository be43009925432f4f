using System.Collections;
using System.Management.Automation;
using System.Text.Json;
using MSCommerce.Stub;

namespace MSCommerce.Module.Tests;

/// <summary>
/// Cancelling, taking over and changing self-service purchases in the engine, each test in a tenant of
/// its own (the demo tenant's purchases keep their known answers): what an admin sees, what the
/// service received, and what its purchase audit recorded.
/// </summary>
[Collection(LocalServiceCollection.Name)]
public sealed class PurchaseManagementCmdletTests(LocalService service) : IDisposable
{
    private const string PowerBiPro = "CFQ7TTC0H9MP";
    private static readonly string[] Writes = ["POST", "PATCH", "PUT", "DELETE"];

    private readonly IsolatedTenant _tenant = new(service);

    [Fact]
    public void The_purchases_of_people_who_left_pipe_into_Disable_and_only_they_are_cancelled()
    {
        var leaver = AddUser("leaver", "Lee Leaver");
        var left = Arrange(PowerBiPro, leaver.Upn, quantity: 3);
        var leftTrial = Arrange("CFQ7TTC0HD33", leaver.Upn, quantity: 25, isTrial: true, status: "Disabled");
        var staying = Arrange(PowerBiPro, AddUser("stayer").Upn, quantity: 2);
        Delete(leaver.Upn);
        var shell = _tenant.ConnectedShell();

        var result = shell.Run("Get-MSCommerceSelfServicePurchases -PurchaserState Deleted -Status Active | Disable-MSCommerceSelfServicePurchase -Confirm:$false");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.Equal("Cancelled", Status(left));
        Assert.Equal("Disabled", Status(leftTrial));
        Assert.Equal("Active", Status(staying));
        var entry = Assert.Single(Audit());
        Assert.Equal(("Cancelled", left), (entry.GetProperty("action").GetString(), entry.GetProperty("subscriptionId").GetString()));
    }

    [Fact]
    public void WhatIf_names_the_purchase_as_a_person_knows_it_and_sends_no_change()
    {
        var leaver = AddUser("leaver", "Lee Leaver");
        var purchase = Arrange(PowerBiPro, leaver.Upn, quantity: 8);
        Delete(leaver.Upn);
        var shell = _tenant.ConnectedShell();
        service.Admin.ClearRequests();

        var result = shell.Run("Get-MSCommerceSelfServicePurchases -PurchaserState Deleted -Status Active | Disable-MSCommerceSelfServicePurchase -WhatIf");

        Assert.Empty(result.Errors);
        Assert.Matches(@"What if: Performing the operation ""Cancel the self-service purchase"" on target ""Power BI Pro × 8, bought by Lee Leaver \(left\), renews \d{4}-\d{2}-\d{2}""", shell.ConsoleText);
        Assert.Empty(WritesSent());
        Assert.Equal("Active", Status(purchase));
    }

    [Fact]
    public void The_purchases_of_people_who_left_are_selected_on_the_service_and_marked_left_in_the_table()
    {
        var leaver = AddUser("leaver");
        var left = Arrange(PowerBiPro, leaver.Upn, quantity: 3);
        Arrange(PowerBiPro, AddUser("stayer").Upn, quantity: 2);
        Delete(leaver.Upn);
        var shell = _tenant.ConnectedShell();
        service.Admin.ClearRequests();

        var selected = shell.Run("Get-MSCommerceSelfServicePurchases -PurchaserState deleted");
        var table = Assert.Single(shell.Invoke("Get-MSCommerceSelfServicePurchases -PurchaserState Deleted | Format-Table | Out-String -Width 200"));

        Assert.Empty(selected.Errors);
        var purchase = Assert.Single(selected.Output);
        Assert.Equal((left, "Deleted"), (purchase.Properties["SubscriptionId"].Value, purchase.Properties["PurchaserState"].Value));
        Assert.Contains($"(left) {leaver.Upn}", table.ToString(), StringComparison.Ordinal);
        Assert.All(service.Admin.Requests("GET").Where(request => request.GetProperty("path").GetString()!.StartsWith("/v1.0/selfServicePurchases", StringComparison.Ordinal)),
            request => Assert.Contains("purchaserState=Deleted", request.GetProperty("path").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_PurchaserState_is_refused_before_any_request()
    {
        var shell = _tenant.ConnectedShell();
        service.Admin.ClearRequests();

        var result = shell.Run("Get-MSCommerceSelfServicePurchases -PurchaserState Gone");

        Assert.StartsWith("ParameterArgumentValidationError,", Assert.Single(result.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(result.Output);
        Assert.Empty(service.Admin.Requests());
    }

    [Fact]
    public void PurchaserState_is_refused_with_Microsoft_Graph_which_cannot_tell_before_any_request()
    {
        var shell = _tenant.ConnectedShell();
        service.Admin.ClearRequests();

        var result = shell.Run("Get-MSCommerceSelfServicePurchases -Source Graph -PurchaserState Deleted");

        Assert.StartsWith("FilterNotSupportedByGraph,", Assert.Single(result.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(service.Admin.Requests());
    }

    [Theory]
    [InlineData("N", "Active")]
    [InlineData("Y", "Cancelled")]
    public void Without_Confirm_false_the_admin_is_asked_first_and_their_answer_decides(string answer, string expected)
    {
        var purchase = Arrange(PowerBiPro, AddUser("buyer", "Bea Buyer").Upn, quantity: 4);
        using var shell = new ModuleRunspace(new StringReader(answer + "\n"));
        shell.ConnectWithToken(service, service.Admin.Token(_tenant.AdminUpn, _tenant.Domain));

        shell.Run($"Disable-MSCommerceSelfServicePurchase {purchase}");

        Assert.Contains("Power BI Pro × 4, bought by Bea Buyer, renews", shell.ConsoleText, StringComparison.Ordinal);
        Assert.Contains("[Y] Yes", shell.ConsoleText, StringComparison.Ordinal);
        Assert.Equal(expected, Status(purchase));
    }

    [Fact]
    public void PassThru_returns_the_cancelled_purchase_and_SubscriptionId_binds_by_position()
    {
        var purchase = Arrange(PowerBiPro, AddUser("buyer").Upn, quantity: 2);

        var cancelled = Assert.Single(_tenant.ConnectedShell().Invoke($"Disable-MSCommerceSelfServicePurchase {purchase} -Confirm:$false -PassThru"));

        Assert.Equal("MSCommerce.SelfServicePurchase", cancelled.TypeNames[0]);
        Assert.Equal("Cancelled", cancelled.Properties["Status"].Value);
        Assert.Equal(false, cancelled.Properties["AutoRenew"].Value);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_cancel_whose_answer_was_lost_is_retried_and_reported_as_done_not_as_already_cancelled(bool dropConnection)
    {
        var purchase = Arrange(PowerBiPro, AddUser("buyer").Upn, quantity: 2);
        var cancelPath = $"/v1.0/selfServicePurchases/{purchase}/cancel";
        // The service cancels the purchase, then its answer is lost: a 503 in its place, or the connection dropped.
        service.Admin.Post("_admin/faults", new { method = "POST", path = cancelPath, status = 503, retryAfterSeconds = 0, dropConnection, afterProcessing = true });
        var shell = _tenant.ConnectedShell();
        service.Admin.ClearRequests();

        var result = shell.Run($"Disable-MSCommerceSelfServicePurchase {purchase} -Confirm:$false -PassThru");

        Assert.Empty(result.Errors);
        Assert.Equal("Cancelled", Assert.Single(result.Output).Properties["Status"].Value);
        Assert.Equal("Cancelled", Status(purchase));
        Assert.Equal(2, service.Admin.Requests().Count(request => request.GetProperty("method").GetString() == "POST" && request.GetProperty("path").GetString() == cancelPath));
        var entry = Assert.Single(Audit());
        Assert.Equal(("Cancelled", purchase), (entry.GetProperty("action").GetString(), entry.GetProperty("subscriptionId").GetString()));
    }

    [Fact]
    public void Cancelling_one_already_cancelled_or_expired_is_that_items_error_and_the_pipeline_goes_on()
    {
        var buyer = AddUser("buyer").Upn;
        var cancelled = Arrange(PowerBiPro, buyer, status: "Cancelled");
        var expired = Arrange(PowerBiPro, buyer, status: "Expired");
        var active = Arrange(PowerBiPro, buyer);
        var shell = _tenant.ConnectedShell();
        const string piped = "'{0}', '{1}', '{2}' | ForEach-Object {{ [pscustomobject]@{{ SubscriptionId = $_ }} }} | Disable-MSCommerceSelfServicePurchase ";
        service.Admin.ClearRequests();

        // Under -WhatIf too: nothing is left to cancel is said before asking, and nothing is sent.
        var whatIf = shell.Run(string.Format(System.Globalization.CultureInfo.InvariantCulture, piped + "-WhatIf", cancelled, expired, active));
        Assert.Equal(["PurchaseAlreadyCancelled", "PurchaseExpired"], whatIf.Errors.Select(error => error.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Empty(whatIf.Output);
        Assert.Empty(WritesSent());
        var result = shell.Run(string.Format(System.Globalization.CultureInfo.InvariantCulture, piped + "-Confirm:$false -PassThru", cancelled, expired, active));

        Assert.Equal(["PurchaseAlreadyCancelled,MSCommerce.Commands.DisableMSCommerceSelfServicePurchaseCommand", "PurchaseExpired,MSCommerce.Commands.DisableMSCommerceSelfServicePurchaseCommand"],
            result.Errors.Select(error => error.FullyQualifiedErrorId));
        Assert.All(result.Errors, error => Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category));
        Assert.All(result.Errors, error => Assert.False(string.IsNullOrEmpty(error.ErrorDetails.RecommendedAction)));
        Assert.Contains("already Cancelled", result.Errors[0].ToString(), StringComparison.Ordinal);
        Assert.Equal(active, Assert.Single(result.Output).Properties["SubscriptionId"].Value);
        Assert.Single(WritesSent());
    }

    [Fact]
    public void A_subscription_id_that_is_no_GUID_is_refused_before_any_request()
    {
        var shell = _tenant.ConnectedShell();
        service.Admin.ClearRequests();

        var result = shell.Run("Disable-MSCommerceSelfServicePurchase -SubscriptionId 'not-an-id' -Confirm:$false; Set-MSCommerceSelfServicePurchase nope -Quantity 2 -Confirm:$false");

        Assert.Equal(["InvalidSubscriptionId", "InvalidSubscriptionId"], result.Errors.Select(error => error.FullyQualifiedErrorId.Split(',')[0]));
        Assert.All(result.Errors, error => Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category));
        Assert.DoesNotContain(service.Admin.Requests(), request => request.GetProperty("path").GetString()!.StartsWith("/v1.0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Disable-MSCommerceSelfServicePurchase {0} -Confirm:$false")]
    [InlineData("Set-MSCommerceSelfServicePurchase {0} -Quantity 5 -Confirm:$false")]
    [InlineData("Add-MSCommerceSelfServicePurchaseUser {0} -User {1} -Confirm:$false")]
    [InlineData("Remove-MSCommerceSelfServicePurchaseUser {0} -User {1} -Confirm:$false")]
    [InlineData("Move-MSCommerceSelfServicePurchase {0} -Confirm:$false")]
    public void A_Global_Reader_sees_the_purchase_but_is_refused_the_change_with_the_roles_that_may(string command)
    {
        var buyer = AddUser("buyer").Upn;
        var purchase = Arrange(PowerBiPro, buyer, quantity: 2, assigned: [buyer]);
        Arrange(PowerBiPro, purchaser: null, quantity: 5);
        var reader = new ModuleRunspace();
        reader.ConnectWithToken(service, service.Admin.Token(_tenant.AddUser("reader", "GlobalReader"), _tenant.Domain));

        var result = reader.Run(string.Format(System.Globalization.CultureInfo.InvariantCulture, command, purchase, buyer));
        reader.Dispose();

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.StartsWith("AccessDenied,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("Billing Administrator", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal("Active", Status(purchase));
        Assert.Empty(Audit());
    }

    [Fact]
    public void A_partner_with_delegated_Billing_Administrator_cancels_in_the_customer_tenant_through_its_connection()
    {
        var partnerDomain = $"p{Guid.NewGuid():N}.onmicrosoft.com";
        var partner = "partner@" + partnerDomain;
        service.Admin.Post("_admin/tenants", new { domain = partnerDomain, country = "US", tenantType = "Commercial" });
        service.Admin.Post($"_admin/tenants/{partnerDomain}/users", new { userPrincipalName = partner, roles = Array.Empty<string>() });
        service.Admin.Post($"_admin/tenants/{_tenant.Domain}/delegations", new { partnerTenant = partnerDomain, userPrincipalName = partner, roles = new[] { "BillingAdministrator" } });
        var purchase = Arrange(PowerBiPro, AddUser("buyer").Upn);
        using var shell = new ModuleRunspace();

        var result = shell.Run("""
            param($Endpoint, $Token, $Certificate)
            $customer = Connect-MSCommerce -Endpoint $Endpoint -AccessToken $Token -TrustedCertificate $Certificate -PassThru
            Get-MSCommerceSelfServicePurchases -Connection $customer -Status Active | Disable-MSCommerceSelfServicePurchase -Connection $customer -Confirm:$false -PassThru
            """, new Hashtable { ["Endpoint"] = service.BaseAddress, ["Token"] = ModuleRunspace.Secure(service.Admin.Token(partner, _tenant.Domain)), ["Certificate"] = service.Certificate });

        Assert.Empty(result.Errors);
        Assert.Equal(purchase, Assert.Single(result.Output).Properties["SubscriptionId"].Value);
        Assert.Equal("Cancelled", Status(purchase));
        Assert.Equal(partner, Assert.Single(Audit()).GetProperty("changedBy").GetString());
    }

    [Fact]
    public void Set_changes_the_quantity_and_WhatIf_shows_the_change_without_sending_it()
    {
        var buyer = AddUser("buyer").Upn;
        var purchase = Arrange(PowerBiPro, buyer, quantity: 2, assigned: [buyer]);
        var shell = _tenant.ConnectedShell();
        service.Admin.ClearRequests();

        shell.Run($"Set-MSCommerceSelfServicePurchase {purchase} -Quantity 6 -WhatIf");
        Assert.Empty(WritesSent());
        Assert.Contains("\"Quantity 2 → 6\"", shell.ConsoleText, StringComparison.Ordinal);

        var changed = Assert.Single(shell.Invoke($"Get-MSCommerceSelfServicePurchases -ProductId {PowerBiPro} | Set-MSCommerceSelfServicePurchase -Quantity 6 -Confirm:$false -PassThru"));
        Assert.Equal(6, changed.Properties["Quantity"].Value);
        Assert.Equal("QuantityChanged", Assert.Single(Audit()).GetProperty("action").GetString());

        // Down to the licences assigned, not below: that is allowed.
        var lowered = Assert.Single(shell.Invoke($"Set-MSCommerceSelfServicePurchase {purchase} -Quantity 1 -Confirm:$false -PassThru"));
        Assert.Equal((1, 1), (lowered.Properties["Quantity"].Value, lowered.Properties["AssignedLicenses"].Value));
    }

    [Fact]
    public void Set_says_in_one_line_what_changed_which_InformationAction_Ignore_silences()
    {
        var purchase = Arrange(PowerBiPro, AddUser("buyer").Upn, quantity: 3);
        var shell = _tenant.ConnectedShell();

        var shown = shell.Invoke($"Set-MSCommerceSelfServicePurchase {purchase} -Quantity 4 -Confirm:$false 6>&1");
        var silent = shell.Invoke($"Set-MSCommerceSelfServicePurchase {purchase} -Quantity 5 -Confirm:$false -InformationAction Ignore 6>&1");

        var line = Assert.Single(shown);
        Assert.Equal($"Power BI Pro ({purchase}): quantity 3 → 4.", line.ToString());
        Assert.Contains("PSHOST", Assert.IsType<InformationRecord>(line.BaseObject).Tags);
        Assert.Empty(silent);
        Assert.Equal(5, JsonFromService($"v1.0/selfServicePurchases/{purchase}").GetProperty("quantity").GetInt32());
    }

    [Fact]
    public void Set_surfaces_the_services_rules_as_errors_of_their_own()
    {
        var buyer = AddUser("buyer").Upn;
        var assigned = Arrange(PowerBiPro, buyer, quantity: 2, assigned: [buyer, AddUser("colleague").Upn]);
        var trial = Arrange("CFQ7TTC0HD33", buyer, quantity: 25, isTrial: true);
        var disabled = Arrange(PowerBiPro, buyer, quantity: 2, status: "Disabled");
        var shell = _tenant.ConnectedShell();

        var result = shell.Run($"""
            Set-MSCommerceSelfServicePurchase {assigned} -Quantity 1 -Confirm:$false
            Set-MSCommerceSelfServicePurchase {trial} -Quantity 5 -Confirm:$false
            Set-MSCommerceSelfServicePurchase {disabled} -Quantity 5 -Confirm:$false
            """);

        Assert.Equal(
            [("QuantityBelowAssigned", ErrorCategory.InvalidArgument), ("TrialQuantityFixed", ErrorCategory.InvalidOperation), ("PurchaseNotActive", ErrorCategory.InvalidOperation)],
            result.Errors.Select(error => (error.FullyQualifiedErrorId.Split(',')[0], error.CategoryInfo.Category)));
        Assert.Contains("Remove-MSCommerceSelfServicePurchaseUser", result.Errors[0].ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Contains("Correlation id", result.Errors[0].ToString(), StringComparison.Ordinal);
        Assert.Empty(Audit());
    }

    [Fact]
    public void Add_and_Remove_take_users_from_the_pipeline_as_names_or_as_assigned_user_objects()
    {
        var buyer = AddUser("buyer");
        var ann = AddUser("ann");
        var purchase = Arrange(PowerBiPro, buyer.Upn, quantity: 3);
        var shell = _tenant.ConnectedShell();
        service.Admin.ClearRequests();

        shell.Run($"'{ann.Upn}' | Add-MSCommerceSelfServicePurchaseUser -SubscriptionId {purchase} -WhatIf");
        Assert.Empty(WritesSent());
        Assert.Contains($"\"Assign a licence to {ann.Upn}\"", shell.ConsoleText, StringComparison.Ordinal);

        var added = shell.Run($"'{ann.Upn}', '{buyer.ObjectId}' | Add-MSCommerceSelfServicePurchaseUser -SubscriptionId {purchase} -Confirm:$false -PassThru");
        var removed = shell.Run($"(Get-MSCommerceSelfServicePurchases -IncludeAssignedUsers).AssignedUsers | Remove-MSCommerceSelfServicePurchaseUser -SubscriptionId {purchase} -Confirm:$false -PassThru");

        Assert.Empty(added.Errors);
        Assert.Equal([1, 2], added.Output.Select(item => (int)item.Properties["AssignedLicenses"].Value));
        Assert.Empty(removed.Errors);
        Assert.Equal([1, 0], removed.Output.Select(item => (int)item.Properties["AssignedLicenses"].Value));
        Assert.Equal(["UserAssigned", "UserAssigned", "UserUnassigned", "UserUnassigned"], Audit().Select(entry => entry.GetProperty("action").GetString()));
    }

    [Fact]
    public void Add_refuses_a_full_purchase_an_unknown_user_and_a_name_that_is_no_user_each_on_its_own()
    {
        var buyer = AddUser("buyer").Upn;
        var purchase = Arrange(PowerBiPro, buyer, quantity: 1, assigned: [buyer]);
        var shell = _tenant.ConnectedShell();

        var result = shell.Run($"Add-MSCommerceSelfServicePurchaseUser {purchase} -User '{AddUser("ann").Upn}', 'nobody@{_tenant.Domain}', 'just a name' -Confirm:$false");

        Assert.Equal(
            [("NoFreeLicences", ErrorCategory.LimitsExceeded), ("UserNotFound", ErrorCategory.ObjectNotFound), ("InvalidUser", ErrorCategory.InvalidArgument)],
            result.Errors.Select(error => (error.FullyQualifiedErrorId.Split(',')[0], error.CategoryInfo.Category)));
    }

    [Fact]
    public void Remove_for_a_name_that_is_no_user_and_for_a_purchase_that_does_not_exist_says_what_to_give_instead()
    {
        var buyer = AddUser("buyer").Upn;
        var purchase = Arrange(PowerBiPro, buyer, quantity: 1, assigned: [buyer]);
        var shell = _tenant.ConnectedShell();

        var result = shell.Run($"""
            Remove-MSCommerceSelfServicePurchaseUser {purchase} -User 'nobody@{_tenant.Domain}' -Confirm:$false
            Remove-MSCommerceSelfServicePurchaseUser {Guid.NewGuid()} -User '{buyer}' -Confirm:$false
            """);

        Assert.Equal(
            [("UserNotFound", ErrorCategory.ObjectNotFound), ("PurchaseNotFound", ErrorCategory.ObjectNotFound)],
            result.Errors.Select(error => (error.FullyQualifiedErrorId.Split(',')[0], error.CategoryInfo.Category)));
        Assert.Equal("Give the user principal name or object id of a user of the purchase's tenant.", result.Errors[0].ErrorDetails.RecommendedAction);
        Assert.Contains("Get-MSCommerceSelfServicePurchases", result.Errors[1].ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Empty(Audit());
    }

    [Fact]
    public void Move_takes_a_purchase_over_onto_the_organisation_subscription_with_room_then_cancels_it_each_step_audited()
    {
        var buyer = AddUser("buyer");
        var ann = AddUser("ann");
        var purchase = Arrange(PowerBiPro, buyer.Upn, quantity: 2, assigned: [ann.Upn, buyer.Upn]);
        var small = Arrange(PowerBiPro, purchaser: null, quantity: 1);
        var roomy = Arrange(PowerBiPro, purchaser: null, quantity: 5);
        var shell = _tenant.ConnectedShell();
        service.Admin.ClearRequests();

        shell.Run($"Move-MSCommerceSelfServicePurchase {purchase} -WhatIf");
        Assert.Empty(WritesSent());
        Assert.Contains($"move 2 user(s) ({ann.Upn}, {buyer.Upn}) to Power BI Pro ({roomy}, 5 free), then cancel the purchase", shell.ConsoleText, StringComparison.Ordinal);

        var result = shell.Run($"Get-MSCommerceSelfServicePurchases -Status Active | Move-MSCommerceSelfServicePurchase -Confirm:$false -PassThru -Verbose");

        Assert.Empty(result.Errors);
        var outcome = Assert.Single(result.Output);
        Assert.Equal("MSCommerce.TakeOverResult", outcome.TypeNames[0]);
        Assert.Equal(purchase, outcome.Properties["SubscriptionId"].Value);
        var cancelled = PSObject.AsPSObject(outcome.Properties["Purchase"].Value);
        Assert.Equal(("Cancelled", 0), (cancelled.Properties["Status"].Value, cancelled.Properties["AssignedLicenses"].Value));
        Assert.Equal([ann.Upn, buyer.Upn], Upns(outcome, "MovedUsers"));
        Assert.Contains($"Moved {ann.Upn} to {roomy}.", result.Verbose);
        Assert.Equal([ann.Upn, buyer.Upn], Holders(roomy));
        Assert.Empty(Holders(small));
        var audit = Audit();
        Assert.Equal(["UserMoved", "UserMoved", "Cancelled"], audit.Select(entry => entry.GetProperty("action").GetString()));
        Assert.Equal($"{ann.Upn} → Power BI Pro ({roomy})", audit[0].GetProperty("detail").GetString());
    }

    [Fact]
    public void Move_to_a_chosen_destination_and_without_room_anywhere_moves_nothing_and_says_how_many_licences_are_missing()
    {
        var buyer = AddUser("buyer");
        var purchase = Arrange(PowerBiPro, buyer.Upn, quantity: 3, assigned: [AddUser("ann").Upn, AddUser("ben").Upn, buyer.Upn]);
        var small = Arrange(PowerBiPro, purchaser: null, quantity: 1);
        var other = Arrange(PowerBiPro, purchaser: null, quantity: 2);
        var shell = _tenant.ConnectedShell();

        var auto = shell.Run($"Move-MSCommerceSelfServicePurchase {purchase} -Confirm:$false");
        var chosen = shell.Run($"Move-MSCommerceSelfServicePurchase {purchase} -Destination {small} -Confirm:$false");

        var error = Assert.Single(auto.Errors);
        Assert.StartsWith("NotEnoughLicences,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Contains("1 licence(s) missing", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains($"({other}) has 2 free", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("2 licence(s) missing", Assert.Single(chosen.Errors).Exception.Message, StringComparison.Ordinal);
        Assert.Equal("Active", Status(purchase));
        Assert.Equal(3, Holders(purchase, organization: false).Count);
        Assert.Empty(Audit());
    }

    [Fact]
    public void When_the_take_over_fails_past_its_retries_nothing_has_moved_and_running_again_finishes()
    {
        var buyer = AddUser("buyer");
        var ann = AddUser("ann");
        var purchase = Arrange(PowerBiPro, buyer.Upn, quantity: 2, assigned: [ann.Upn, buyer.Upn]);
        var central = Arrange(PowerBiPro, purchaser: null, quantity: 5);
        service.Admin.Post("_admin/faults", new { method = "POST", path = $"/v1.0/selfServicePurchases/{purchase}/takeOver", status = 503, count = 50, retryAfterSeconds = 0 });
        var shell = _tenant.ConnectedShell();

        var failed = shell.Run($"Move-MSCommerceSelfServicePurchase {purchase} -Destination {central} -Confirm:$false");

        var error = Assert.Single(failed.Errors);
        Assert.StartsWith("ServiceUnavailable,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal("Active", Status(purchase));
        Assert.Equal([ann.Upn, buyer.Upn], Holders(purchase, organization: false));
        Assert.Empty(Holders(central));
        Assert.Empty(Audit());

        service.Admin.ClearFaults();
        var again = shell.Run($"Move-MSCommerceSelfServicePurchase {purchase} -Destination {central} -Confirm:$false");

        Assert.Empty(again.Errors);
        Assert.Equal("Cancelled", Status(purchase));
        Assert.Equal([ann.Upn, buyer.Upn], Holders(central));
        Assert.Equal(["UserMoved", "UserMoved", "Cancelled"], Audit().Select(entry => entry.GetProperty("action").GetString()));
    }

    [Fact]
    public void The_plan_and_the_outcome_name_who_moves_who_already_holds_the_destination_and_whose_licence_is_released()
    {
        var buyer = AddUser("buyer");
        var (ann, ben, cat) = (AddUser("ann"), AddUser("ben"), AddUser("cat"));
        var purchase = Arrange(PowerBiPro, buyer.Upn, quantity: 3, assigned: [ann.Upn, ben.Upn, cat.Upn]);
        var central = Arrange(PowerBiPro, purchaser: null, quantity: 2, assigned: [ben.Upn]);
        Delete(cat.Upn);
        var shell = _tenant.ConnectedShell();

        shell.Run($"Move-MSCommerceSelfServicePurchase {purchase} -WhatIf");
        var result = shell.Run($"Move-MSCommerceSelfServicePurchase {purchase} -Confirm:$false -PassThru -Verbose");

        Assert.Contains($"Take over: move 1 user(s) ({ann.Upn}) to Power BI Pro ({central}, 1 free); take 1 user(s) who already hold Power BI Pro ({central}) off the purchase ({ben.Upn}); " +
            $"release the licence(s) of 1 user(s) who left the organisation ({cat.Upn}), then cancel the purchase", shell.ConsoleText, StringComparison.Ordinal);
        Assert.Empty(result.Errors);
        var outcome = Assert.Single(result.Output);
        Assert.Equal([ann.Upn], Upns(outcome, "MovedUsers"));
        Assert.Equal([ben.Upn], Upns(outcome, "AlreadyAssignedUsers"));
        Assert.Equal([cat.Upn], Upns(outcome, "ReleasedUsers"));
        Assert.All(((IEnumerable)outcome.Properties["ReleasedUsers"].Value).Cast<object>(), user => Assert.Equal("Deleted", PSObject.AsPSObject(user).Properties["State"].Value?.ToString()));
        Assert.Equal(central, PSObject.AsPSObject(outcome.Properties["Destination"].Value).Properties["SubscriptionId"].Value);
        var shown = Assert.Single(shell.Invoke("param($Outcome) $Outcome | Out-String -Width 200", new Hashtable { ["Outcome"] = outcome })).ToString();
        Assert.Matches($@"Moved\s+: {System.Text.RegularExpressions.Regex.Escape(ann.Upn)}", shown);
        Assert.Matches($@"Released \(left\)\s+: {System.Text.RegularExpressions.Regex.Escape(cat.Upn)}", shown);
        Assert.Matches($@"AlreadyHeld\s+: {System.Text.RegularExpressions.Regex.Escape(ben.Upn)}", shown);
        Assert.Matches(@"Status\s+: Cancelled", shown);
        Assert.Contains($"Released the licence of {cat.Upn}, who left the organisation.", result.Verbose);
        Assert.Equal("Cancelled", Status(purchase));
        Assert.Empty(Holders(purchase, organization: false));
        Assert.Equal([ann.Upn, ben.Upn], Holders(central));
    }

    [Fact]
    public void WhatIf_says_no_user_to_move_in_one_wording_with_or_without_a_destination()
    {
        var empty = Arrange(PowerBiPro, AddUser("buyer").Upn, quantity: 2);
        var central = Arrange(PowerBiPro, purchaser: null, quantity: 5);
        var leaver = AddUser("leaver");
        var leftOnly = Arrange(PowerBiPro, AddUser("other").Upn, quantity: 1, assigned: [leaver.Upn]);
        Delete(leaver.Upn);
        var shell = _tenant.ConnectedShell();
        service.Admin.ClearRequests();

        shell.Run($"Move-MSCommerceSelfServicePurchase {empty} -WhatIf");
        shell.Run($"Move-MSCommerceSelfServicePurchase {empty} -Destination {central} -WhatIf");
        shell.Run($"Move-MSCommerceSelfServicePurchase {leftOnly} -WhatIf");

        Assert.Empty(WritesSent());
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(shell.ConsoleText, "Performing the operation \"Take over: no user to move, then cancel the purchase\"").Count);
        Assert.Contains($"Performing the operation \"Take over: no user to move; release the licence(s) of 1 user(s) who left the organisation ({leaver.Upn}), then cancel the purchase\"",
            shell.ConsoleText, StringComparison.Ordinal);
        Assert.DoesNotContain("0 user(s)", shell.ConsoleText, StringComparison.Ordinal);
    }

    [Fact]
    public void Purchases_piped_into_Move_show_progress_and_one_line_each_of_what_became_of_them()
    {
        var ann = AddUser("ann");
        var first = Arrange(PowerBiPro, ann.Upn, quantity: 1, assigned: [ann.Upn]);
        var second = Arrange(PowerBiPro, AddUser("ben").Upn, quantity: 1);
        var central = Arrange(PowerBiPro, purchaser: null, quantity: 5);
        var shell = _tenant.ConnectedShell();

        var result = shell.Run("Get-MSCommerceSelfServicePurchases -Status Active | Move-MSCommerceSelfServicePurchase -Confirm:$false");
        var third = Arrange(PowerBiPro, AddUser("cy").Upn, quantity: 1);
        var passThru = shell.Run($"Move-MSCommerceSelfServicePurchase {third} -Confirm:$false -PassThru");
        var fourth = Arrange(PowerBiPro, AddUser("di").Upn, quantity: 1);
        var fifth = Arrange(PowerBiPro, AddUser("ed").Upn, quantity: 1);
        var tagged = Assert.Single(shell.Invoke($"Move-MSCommerceSelfServicePurchase {fourth} -Confirm:$false 6>&1"));
        var silent = shell.Invoke($"Move-MSCommerceSelfServicePurchase {fifth} -Confirm:$false -InformationAction Ignore 6>&1");

        Assert.Empty(result.Errors);
        Assert.Equal([$"Power BI Pro ({first}): moved 1 user(s) to Power BI Pro ({central}); cancelled.", $"Power BI Pro ({second}): no user to move; cancelled."], result.Information);
        var moves = result.Progress.Where(record => record.Activity == "Taking over self-service purchases").ToList();
        Assert.Contains(moves, record => record.StatusDescription == $"1 taken over, 0 not (declined or failed); now: Power BI Pro ({second})");
        Assert.Equal(ProgressRecordType.Completed, moves[^1].RecordType);
        Assert.Equal("2 taken over, 0 not (declined or failed); done", moves[^1].StatusDescription);
        Assert.Empty(passThru.Information);
        Assert.Equal(third, Assert.Single(passThru.Output).Properties["SubscriptionId"].Value);
        Assert.Contains("PSHOST", Assert.IsType<InformationRecord>(tagged.BaseObject).Tags);
        Assert.Empty(silent);
        Assert.Equal("Cancelled", Status(fifth));
    }

    public void Dispose() => _tenant.Dispose();

    private (string Upn, string ObjectId) AddUser(string name, string? displayName = null)
    {
        var upn = $"{name}@{_tenant.Domain}";
        var user = service.Admin.Post($"_admin/tenants/{_tenant.Domain}/users", new { userPrincipalName = upn, displayName, roles = Array.Empty<string>() });
        return (upn, user.GetProperty("objectId").GetString()!);
    }

    private static List<string> Upns(PSObject outcome, string property) =>
        ((IEnumerable)outcome.Properties[property].Value).Cast<object>().Select(user => (string)PSObject.AsPSObject(user).Properties["UserPrincipalName"].Value).ToList();

    private void Delete(string upn) => service.Admin.Send(HttpMethod.Delete, $"_admin/tenants/{_tenant.Domain}/users/{upn}");

    /// <summary>A purchase as it stands (purchaser null: an organisation subscription); answers its subscription id.</summary>
    private string Arrange(string productId, string? purchaser, int quantity = 1, bool isTrial = false, string status = "Active", string[]? assigned = null) =>
        service.Admin.Post($"_admin/tenants/{_tenant.Domain}/purchases", new { productId, purchaser, quantity, isTrial, status, assignedUsers = assigned ?? [] })
            .GetProperty("subscriptionId").GetString()!;

    private string Status(string subscriptionId) => JsonFromService($"v1.0/selfServicePurchases/{subscriptionId}").GetProperty("status").GetString()!;

    private IReadOnlyList<string> Holders(string subscriptionId, bool organization = true) =>
        JsonFromService(organization ? $"v1.0/organizationSubscriptions/{subscriptionId}" : $"v1.0/selfServicePurchases/{subscriptionId}")
            .GetProperty("assignedUsers").EnumerateArray().Select(user => user.GetProperty("userPrincipalName").GetString()!).ToList();

    private JsonElement JsonFromService(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", service.Admin.Token(_tenant.AdminUpn, _tenant.Domain));
        using var response = service.Admin.Http.Send(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()).RootElement.Clone();
    }

    private IReadOnlyList<JsonElement> Audit() => service.Admin.Get($"_admin/tenants/{_tenant.Domain}/purchaseAudit").EnumerateArray().ToList();

    private IReadOnlyList<JsonElement> WritesSent() =>
        service.Admin.Requests().Where(request => Writes.Contains(request.GetProperty("method").GetString()) && request.GetProperty("path").GetString()!.StartsWith("/v1.0", StringComparison.Ordinal)).ToList();
}
