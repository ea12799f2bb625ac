using Daftar.Assets;
using Daftar.Data;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Assets;

/// <summary>Equipment requests to decide: the controlling officer approves or refuses; the store issues, queues or refuses.</summary>
public sealed class RequestsModel(RequestQueries queries, DaftarDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<RequestView> Requests { get; private set; } = [];
    /// <summary>For each request the store can fulfil: the tags of assets of its kind in the store (first 50).</summary>
    public IReadOnlyDictionary<AssetKind, IReadOnlyList<string>> InStore { get; private set; } = new Dictionary<AssetKind, IReadOnlyList<string>>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostDecideAsync(int id, RequestDecision decision, string? remarks, [FromServices] DecideRequest handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(id, new DecideRequestCommand(decision, remarks), ct);
        return await AfterAsync(result, decision switch
        {
            RequestDecision.Approve => l["Approved; the request has gone to the store."],
            RequestDecision.WaitingList => l["The request is on the waiting list."],
            _ => l["The request is refused."],
        }, ct);
    }

    public async Task<IActionResult> OnPostIssueAsync(int id, string? tag, [FromServices] IssueAsset handler, CancellationToken ct)
    {
        var code = Daftar.People.Text.Clean(tag)?.ToUpperInvariant();
        var assetId = code is null ? null : await db.Assets.Where(a => a.Tag == code).Select(a => (int?)a.Id).SingleOrDefaultAsync(ct);
        if (assetId is null)
        {
            ModelState.AddErrors([code is null ? Error.Required("tag", "Asset tag") : Error.Unknown("tag", "Asset")], l);
            return await LoadAsync(ct);
        }
        return await AfterAsync(await handler.HandleAsync(assetId.Value, new IssueAssetCommand(null, id), ct), l["The asset is issued; its holder is asked to acknowledge receipt."], ct);
    }

    private Task<IActionResult> AfterAsync(Result<int> result, string message, CancellationToken ct) =>
        this.AfterOperationAsync(result, message, l, () => RedirectToPage(), () => LoadAsync(ct));

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var list = await queries.ListAsync(ct);
        if (!list.Succeeded) return Forbid();
        Requests = list.Value!;
        var kinds = Requests.Where(r => r.CanIssue).Select(r => r.Kind).Distinct().ToList();
        var offices = Requests.Where(r => r.CanIssue).Select(r => r.Id).ToList();
        var officeIds = await db.EquipmentRequests.Where(r => offices.Contains(r.Id)).Select(r => r.OfficeId).Distinct().ToListAsync(ct);
        var stock = await db.Assets.AsNoTracking().Where(a => a.Status == AssetStatus.InStore && kinds.Contains(a.Kind) && officeIds.Contains(a.OfficeId))
            .OrderBy(a => a.Tag).Select(a => new { a.Kind, a.Tag }).Take(500).ToListAsync(ct);
        InStore = stock.GroupBy(a => a.Kind).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(a => a.Tag).Take(50).ToList());
        return Page();
    }
}
