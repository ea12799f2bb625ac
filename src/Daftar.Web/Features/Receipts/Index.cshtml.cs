using Daftar.Files;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Web.Features.Receipts;

/// <summary>Receipts with my posts, put in a file, or closed.</summary>
public sealed class IndexModel(ReceiptQueries receipts) : PageModel
{
    [BindProperty(SupportsGet = true)] public ReceiptStatus? Status { get; set; }
    public ReceiptStatus Shown { get; private set; }
    public Result<IReadOnlyList<ReceiptRow>> Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Shown = Status is { } s && Enum.IsDefined(s) ? s : ReceiptStatus.Open;
        Result = await receipts.ListAsync(Shown, ct);
    }
}
