using Daftar.Assets;
using Daftar.Web.Infrastructure;

namespace Daftar.Web.Features.Assets;

/// <summary>What the Assets area answers when it refuses a request: every code and message in one place (ADR 0025).</summary>
public static class AssetsErrors
{
    public static readonly Error NoPost = new("no_post", "You hold no post today.", ErrorKind.Forbidden);
    public static readonly Error NotKeeper = new("not_keeper", "Only the office's store keepers (or an administrator) keep its inventory.", ErrorKind.Forbidden);
    public static readonly Error NotOfficeHead = new("not_office_head", "Only the head of the office (or an administrator) names its store keepers.", ErrorKind.Forbidden);
    public static readonly Error DuplicateSerial = new("duplicate_serial", "Another asset already has this serial number.", ErrorKind.Conflict, "serialNumber");
    public static readonly Error DuplicateTag = new("duplicate_tag", "Another asset already has this asset tag.", ErrorKind.Conflict, "tag");
    public static readonly Error NegativeCost = new("negative_cost", "The cost cannot be negative.", ErrorKind.Invalid, "cost");
    public static readonly Error CostTooLarge = new("cost_too_large", "The cost must be at most ₹10 crore.", ErrorKind.Invalid, "cost");
    public static readonly Error WarrantyBeforePurchase = new("warranty_before_purchase", "The warranty cannot end before the purchase.", ErrorKind.Invalid, "warrantyEnds");
    public static readonly Error PurchaseInFuture = new("purchase_in_future", "The purchase date cannot be in the future.", ErrorKind.Invalid, "purchasedOn");
    public static readonly Error UnknownEmployee = new("unknown_employee", "No active employee has this code.", ErrorKind.Invalid, "employeeCode");
    public static readonly Error ChangedMeanwhile = new("asset_changed", "Someone else changed this asset a moment ago (it may have been issued). Reload it and try again.", ErrorKind.Conflict);
    public static readonly Error RequestChangedMeanwhile = new("request_changed", "Someone else decided this request a moment ago. Reload it and try again.", ErrorKind.Conflict);
    public static readonly Error NotYourRequest = new("not_your_request", "This request is not waiting for you.", ErrorKind.Forbidden);
    public static readonly Error OpenRequest = new("open_request", "You already have an open request for this kind of equipment.", ErrorKind.Conflict, "kind");
    public static readonly Error ReasonRequired = new("reason_required", "Say why you need it (for example: works from home 4 days a week; no computer at home).", ErrorKind.Invalid, "reason");
    public static readonly Error ImplausibleMeasurement = new("implausible_measurement", "The measurement is not plausible; run the check again.", ErrorKind.Invalid);
    public static readonly Error PlanNeedsType = new("plan_needs_type", "Give the plan's speed only for a broadband or mobile connection.", ErrorKind.Invalid, "planMbps");
    public static readonly Error ConfirmReceipt = new("confirm_receipt", "Tick that you have received the asset.", ErrorKind.Invalid, "confirm");
    public static readonly Error KeeperNotInOffice = new("keeper_not_in_office", "Store keepers must be active posts of this office.", ErrorKind.Invalid, "postIds");
    public static readonly Error PlanSpeed = new("plan_speed", "Give the plan's speed in Mbit/s, from 0 to 10,000.", ErrorKind.Invalid, "planMbps");
    public static readonly Error NoFile = new("no_file", "Attach a .csv or .xlsx file.", ErrorKind.Invalid, "file");
    public static readonly Error NoRound = new("no_round", "No verification round is open for this office; start one first.", ErrorKind.Conflict);
    public static readonly Error NotEmployee = new("not_employee", "Only an employee's own account holds equipment and connections.", ErrorKind.Forbidden);

    /// <summary>A rule of the area's entities, as the API and pages answer it.</summary>
    public static Error From(AssetError e) => new(e.Code, e.Message, e.Code is "reason_needed" or "officer_cannot_queue" or "wrong_kind" or "same_status" or "use_issue" ? ErrorKind.Invalid : ErrorKind.Conflict, e.Field);
}
