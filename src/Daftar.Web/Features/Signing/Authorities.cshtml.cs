using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features.Signing;

/// <summary>The public page of the installation's certifying authorities (<c>/Pki</c>, no sign-in): what to download to check a signature.</summary>
public sealed class AuthoritiesModel(PkiQueries admin, SigningSettings settings) : PageModel
{
    public IReadOnlyList<AuthorityView> Authorities { get; private set; } = [];
    public string PublicUrl => settings.PublicUrl;

    public async Task OnGetAsync(CancellationToken ct) => Authorities = await admin.AuthoritiesAsync(ct);
}
