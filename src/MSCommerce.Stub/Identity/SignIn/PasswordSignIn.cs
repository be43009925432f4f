using System.Security.Cryptography;
using System.Text;
using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Identity.SignIn;

/// <summary>
/// The sign-in page's check of a user name and password, with Entra's answers: an unknown account is
/// AADSTS50034, a wrong password AADSTS50126, a disabled or deleted account AADSTS50057. Every person
/// in the local service has the one documented password (<see cref="DemoData.DemoUserPassword"/>).
/// </summary>
public sealed class PasswordSignIn(DirectoryStore directory)
{
    public (DirectoryUser? User, OAuthRefusal? Refusal) Check(string userName, string password)
    {
        userName = userName.Trim();
        var user = Find(userName) ?? Find(userName.ToLowerInvariant());
        if (user is null)
        {
            return (null, new("invalid_grant", "AADSTS50034", $"The user account {userName} does not exist in the directory. To sign in, the account must be added to the directory."));
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(DemoData.DemoUserPassword)))
        {
            return (null, new("invalid_grant", "AADSTS50126", "Error validating credentials due to invalid username or password."));
        }

        return user.Deleted || !user.AccountEnabled
            ? (null, new("invalid_grant", "AADSTS50057", $"The user account {user.UserPrincipalName} is disabled."))
            : (user, null);
    }

    /// <summary>The account of a user name in the tenant its domain names, one who left included (their sign-in is refused as disabled).</summary>
    private DirectoryUser? Find(string userName)
    {
        var at = userName.LastIndexOf('@');
        return at > 0 && directory.FindTenant(userName[(at + 1)..]) is { } tenant ? directory.FindUser(tenant.TenantId, userName) : null;
    }
}
