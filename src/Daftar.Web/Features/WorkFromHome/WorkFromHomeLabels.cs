using Daftar.WorkFromHome;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>The English words for the area's facts, verdicts, places, rules and roster problems; each is the key of its Hindi.</summary>
public static class WorkFromHomeLabels
{
    public static string Of(TaskFact fact) => fact switch
    {
        TaskFact.PhysicalPresence => "Needs physical presence",
        TaskFact.FieldVisits => "Field visits",
        TaskFact.PublicDealing => "Public dealing at a counter",
        TaskFact.PhysicalRecords => "Physical records, not digitised",
        TaskFact.ClassifiedData => "Classified data",
        TaskFact.SpecialEquipment => "Special equipment in the office",
        TaskFact.OfficeNetwork => "Network only inside the office",
        TaskFact.OnEFile => "Done on e-File",
        _ => "",
    };

    /// <summary>A reason in a sentence: what the fact asks for ({0}: days a week in the office).</summary>
    public static string Reason(TaskFact fact) => fact switch
    {
        TaskFact.PhysicalPresence => "Needs the person physically present: {0} day(s) a week in the office.",
        TaskFact.FieldVisits => "Needs field visits: {0} day(s) a week away from home.",
        TaskFact.PublicDealing => "Deals with the public at a counter: {0} day(s) a week in the office.",
        TaskFact.PhysicalRecords => "Needs physical records that are not digitised: {0} day(s) a week in the office.",
        TaskFact.ClassifiedData => "Handles classified data that may not leave the office: {0} day(s) a week in the office.",
        TaskFact.SpecialEquipment => "Needs equipment found only in the office: {0} day(s) a week in the office.",
        TaskFact.OfficeNetwork => "Needs a network reachable only inside the office: {0} day(s) a week in the office.",
        TaskFact.OnEFile => "Still moves on paper, not on e-File: {0} day(s) a week in the office.",
        _ => "",
    };

    /// <summary>"What would change if…" a fact were no longer true.</summary>
    public static string Assumption(TaskFact fact) => fact switch
    {
        TaskFact.PhysicalRecords => "the records were digitised",
        TaskFact.OfficeNetwork => "the office network were reachable from home (VPN)",
        TaskFact.PublicDealing => "the counter services moved online",
        TaskFact.SpecialEquipment => "the equipment were given at home",
        TaskFact.ClassifiedData => "the data were declassified",
        TaskFact.PhysicalPresence => "presence were no longer needed",
        TaskFact.FieldVisits => "the field visits were done by others",
        TaskFact.OnEFile => "every task moved to e-File",
        _ => "",
    };

    public static string Of(Verdict verdict) => verdict switch { Verdict.Home => "At home", Verdict.Partly => "Partly", Verdict.Office => "Office", _ => "" };

    /// <summary>The badge colour of a verdict: green at home, amber partly, red in the office.</summary>
    public static string CssOf(Verdict verdict) => (int)verdict switch { 1 => "text-bg-success", 2 => "text-bg-warning", _ => "text-bg-danger" };

    public static string Of(WorkPlace place) => place switch
    {
        WorkPlace.Office => "Office",
        WorkPlace.Home => "At home",
        WorkPlace.Field => "Field or tour",
        WorkPlace.Leave => "On leave",
        _ => "",
    };

    public static string Of(RosterRule rule) => rule switch
    {
        RosterRule.Essential => "Essential post",
        RosterRule.OfficeWork => "Office work",
        RosterRule.PartlyWork => "Partly office work",
        RosterRule.Rotation => "By turns",
        RosterRule.Exempt => "Exempted",
        _ => "",
    };

    public static string Of(ExemptionReason reason) => reason switch
    {
        ExemptionReason.Pregnancy => "Pregnancy",
        ExemptionReason.Disability => "Disability",
        ExemptionReason.Comorbidity => "Comorbidity",
        ExemptionReason.CaringForDependant => "Caring for a dependant",
        ExemptionReason.ContainmentZone => "Residence in a containment zone",
        _ => "",
    };

    public static string Of(ExemptionStatus status) => status switch
    {
        ExemptionStatus.Requested => "Requested",
        ExemptionStatus.Approved => "Approved",
        ExemptionStatus.Refused => "Refused",
        ExemptionStatus.Withdrawn => "Withdrawn",
        _ => "",
    };

    public static string Of(RosterStatus status) => status switch { RosterStatus.Draft => "Draft", RosterStatus.Published => "In force", _ => "" };

    /// <summary>A roster problem in a sentence; {0} is by how much.</summary>
    public static string Problem(string code) => code switch
    {
        RosterProblems.OverCap => "{0} more in the office than the cap allows.",
        RosterProblems.RequiredAbsent => "An essential or office-work post is not in the office.",
        RosterProblems.ExemptIn => "An exempted employee is put in the office.",
        RosterProblems.UnavailableIn => "Someone on leave is put in the office.",
        RosterProblems.PartlyShort => "{0} day(s) fewer in the office this week than the post's work needs.",
        RosterProblems.PartlyOver => "{0} day(s) more in the office this week than the post's work needs.",
        RosterProblems.SectionShort => "The section is {0} short of the people it needs in the office.",
        RosterProblems.Unfair => "Has {0} day(s) fewer in the office than others on rotation could allow.",
        _ => "The roster breaks a rule.",
    };
}
