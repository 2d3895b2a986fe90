using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Rally.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OversightAndCouncil : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MemberId",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Apportionments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CountedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Seats = table.Column<int>(type: "INTEGER", nullable: false),
                    MinSeats = table.Column<int>(type: "INTEGER", nullable: false),
                    ThresholdPercent = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ThresholdQuota = table.Column<bool>(type: "INTEGER", nullable: false),
                    TieRule = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Caps = table.Column<string>(type: "TEXT", nullable: false),
                    Result = table.Column<string>(type: "TEXT", nullable: false),
                    Steps = table.Column<string>(type: "TEXT", nullable: false),
                    BodyId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Apportionments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Apportionments_Bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "Bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Checklists",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Checklists", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DashboardCell",
                columns: table => new
                {
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Subtree = table.Column<bool>(type: "INTEGER", nullable: false),
                    Series = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Key = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardCell", x => new { x.OrgUnitId, x.Subtree, x.Series, x.Key, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "DashboardWatermark",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    AuditId = table.Column<long>(type: "INTEGER", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RefreshedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardWatermark", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DecisionKinds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NeedsCoSignature = table.Column<bool>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionKinds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FindingStates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IsInitial = table.Column<bool>(type: "INTEGER", nullable: false),
                    AwaitsFix = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsVerifiedFix = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsClosed = table.Column<bool>(type: "INTEGER", nullable: false),
                    RestartsDeadline = table.Column<bool>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FindingStates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InspectionTargets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    IsOrgUnit = table.Column<bool>(type: "INTEGER", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ResponsibleBodyId = table.Column<int>(type: "INTEGER", nullable: true),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionTargets_Bodies_ResponsibleBodyId",
                        column: x => x.ResponsibleBodyId,
                        principalTable: "Bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InspectionTargets_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Placements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    BodyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Placements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Placements_Bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "Bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Placements_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Severities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DeadlineDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Severities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FindingTransitions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FromStateId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToStateId = table.Column<int>(type: "INTEGER", nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FindingTransitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FindingTransitions_FindingStates_FromStateId",
                        column: x => x.FromStateId,
                        principalTable: "FindingStates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FindingTransitions_FindingStates_ToStateId",
                        column: x => x.ToStateId,
                        principalTable: "FindingStates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Inspections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TargetId = table.Column<int>(type: "INTEGER", nullable: false),
                    ControlGroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    ChecklistId = table.Column<int>(type: "INTEGER", nullable: false),
                    PlannedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Inspections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Inspections_Bodies_ControlGroupId",
                        column: x => x.ControlGroupId,
                        principalTable: "Bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Inspections_Checklists_ChecklistId",
                        column: x => x.ChecklistId,
                        principalTable: "Checklists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Inspections_InspectionTargets_TargetId",
                        column: x => x.TargetId,
                        principalTable: "InspectionTargets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Decisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlacementId = table.Column<int>(type: "INTEGER", nullable: false),
                    KindId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TitleKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Details = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    EffectiveAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SignedByMemberId = table.Column<int>(type: "INTEGER", nullable: true),
                    SignedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    SignedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SignedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Decisions_DecisionKinds_KindId",
                        column: x => x.KindId,
                        principalTable: "DecisionKinds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Decisions_Members_SignedByMemberId",
                        column: x => x.SignedByMemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Decisions_Placements_PlacementId",
                        column: x => x.PlacementId,
                        principalTable: "Placements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Overseers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlacementId = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Overseers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Overseers_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Overseers_Placements_PlacementId",
                        column: x => x.PlacementId,
                        principalTable: "Placements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ChecklistItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChecklistId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ExpectedAnswer = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    DefaultSeverityId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChecklistItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChecklistItems_Checklists_ChecklistId",
                        column: x => x.ChecklistId,
                        principalTable: "Checklists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ChecklistItems_Severities_DefaultSeverityId",
                        column: x => x.DefaultSeverityId,
                        principalTable: "Severities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Findings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InspectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SeverityId = table.Column<int>(type: "INTEGER", nullable: false),
                    ResponsibleBodyId = table.Column<int>(type: "INTEGER", nullable: false),
                    StateId = table.Column<int>(type: "INTEGER", nullable: false),
                    FoundOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StateSince = table.Column<long>(type: "INTEGER", nullable: false),
                    ReportedFixedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ReportedFixedByMemberId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Findings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Findings_Bodies_ResponsibleBodyId",
                        column: x => x.ResponsibleBodyId,
                        principalTable: "Bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Findings_ChecklistItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "ChecklistItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Findings_FindingStates_StateId",
                        column: x => x.StateId,
                        principalTable: "FindingStates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Findings_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Findings_Severities_SeverityId",
                        column: x => x.SeverityId,
                        principalTable: "Severities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InspectionAnswers",
                columns: table => new
                {
                    InspectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionAnswers", x => new { x.InspectionId, x.ItemId });
                    table.ForeignKey(
                        name: "FK_InspectionAnswers_ChecklistItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "ChecklistItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InspectionAnswers_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FindingAttachments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FindingId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FindingAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FindingAttachments_Findings_FindingId",
                        column: x => x.FindingId,
                        principalTable: "Findings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FindingEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FindingId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromStateId = table.Column<int>(type: "INTEGER", nullable: true),
                    ToStateId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ByUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ByMemberId = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReinspectedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LogbookSequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FindingEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FindingEvents_Findings_FindingId",
                        column: x => x.FindingId,
                        principalTable: "Findings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FindingAttachmentContents",
                columns: table => new
                {
                    AttachmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FindingAttachmentContents", x => x.AttachmentId);
                    table.ForeignKey(
                        name: "FK_FindingAttachmentContents_FindingAttachments_AttachmentId",
                        column: x => x.AttachmentId,
                        principalTable: "FindingAttachments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "DecisionKinds",
                columns: new[] { "Id", "ArchivedAt", "Code", "Name", "NeedsCoSignature", "SortOrder", "Version" },
                values: new object[,]
                {
                    { 1, null, "procurement", "Procurement", true, 10, 0 },
                    { 2, null, "hiring", "Hiring", true, 20, 0 },
                    { 3, null, "technical-note", "Technical note", false, 30, 0 }
                });

            migrationBuilder.InsertData(
                table: "FindingStates",
                columns: new[] { "Id", "ArchivedAt", "AwaitsFix", "Code", "IsClosed", "IsInitial", "IsVerifiedFix", "Name", "RestartsDeadline", "SortOrder", "Version" },
                values: new object[,]
                {
                    { 1, null, true, "open", false, true, false, "Open", false, 10, 0 },
                    { 2, null, true, "acknowledged", false, false, false, "Acknowledged", false, 20, 0 },
                    { 3, null, true, "in-progress", false, false, false, "In progress", false, 30, 0 },
                    { 4, null, false, "reported-fixed", false, false, false, "Reported fixed", false, 40, 0 },
                    { 5, null, false, "verified-fixed", true, false, true, "Verified fixed", false, 50, 0 },
                    { 6, null, false, "closed-not-fixed", true, false, false, "Closed, not fixed", false, 60, 0 },
                    { 7, null, true, "reopened", false, false, false, "Reopened", true, 70, 0 }
                });

            migrationBuilder.InsertData(
                table: "Severities",
                columns: new[] { "Id", "ArchivedAt", "Code", "DeadlineDays", "Name", "SortOrder", "Version" },
                values: new object[,]
                {
                    { 1, null, "critical", 3, "Critical", 10, 0 },
                    { 2, null, "major", 7, "Major", 20, 0 },
                    { 3, null, "minor", 30, "Minor", 30, 0 }
                });

            migrationBuilder.InsertData(
                table: "FindingTransitions",
                columns: new[] { "Id", "FromStateId", "Rule", "ToStateId" },
                values: new object[,]
                {
                    { 1, 1, null, 2 },
                    { 2, 1, null, 3 },
                    { 3, 1, "report-fix", 4 },
                    { 4, 1, "reason", 6 },
                    { 5, 2, null, 3 },
                    { 6, 2, "report-fix", 4 },
                    { 7, 2, "reason", 6 },
                    { 8, 3, "report-fix", 4 },
                    { 9, 3, "reason", 6 },
                    { 10, 4, "verify", 5 },
                    { 11, 4, "reason", 7 },
                    { 12, 4, "reason", 6 },
                    { 13, 5, "reason", 7 },
                    { 14, 6, "reason", 7 },
                    { 15, 7, null, 2 },
                    { 16, 7, null, 3 },
                    { 17, 7, "report-fix", 4 },
                    { 18, 7, "reason", 6 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_MemberId",
                table: "AspNetUsers",
                column: "MemberId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Apportionments_BodyId",
                table: "Apportionments",
                column: "BodyId");

            migrationBuilder.CreateIndex(
                name: "IX_Apportionments_CreatedAt",
                table: "Apportionments",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistItems_ChecklistId_Position",
                table: "ChecklistItems",
                columns: new[] { "ChecklistId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistItems_DefaultSeverityId",
                table: "ChecklistItems",
                column: "DefaultSeverityId");

            migrationBuilder.CreateIndex(
                name: "IX_Checklists_Code",
                table: "Checklists",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DecisionKinds_Code",
                table: "DecisionKinds",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_KindId",
                table: "Decisions",
                column: "KindId");

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_PendingDuplicate",
                table: "Decisions",
                columns: new[] { "PlacementId", "KindId", "TitleKey" },
                unique: true,
                filter: "\"Status\" = 'pending'");

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_SignedByMemberId",
                table: "Decisions",
                column: "SignedByMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_Status_RecordedAt",
                table: "Decisions",
                columns: new[] { "Status", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FindingAttachments_FindingId",
                table: "FindingAttachments",
                column: "FindingId");

            migrationBuilder.CreateIndex(
                name: "IX_FindingEvents_FindingId_At",
                table: "FindingEvents",
                columns: new[] { "FindingId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_InspectionId",
                table: "Findings",
                column: "InspectionId");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_ItemId",
                table: "Findings",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_ResponsibleBodyId_StateId",
                table: "Findings",
                columns: new[] { "ResponsibleBodyId", "StateId" });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_SeverityId",
                table: "Findings",
                column: "SeverityId");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_StateId_Deadline",
                table: "Findings",
                columns: new[] { "StateId", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_FindingStates_Code",
                table: "FindingStates",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FindingTransitions_FromStateId_ToStateId",
                table: "FindingTransitions",
                columns: new[] { "FromStateId", "ToStateId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FindingTransitions_ToStateId",
                table: "FindingTransitions",
                column: "ToStateId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionAnswers_ItemId",
                table: "InspectionAnswers",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_Inspections_ChecklistId",
                table: "Inspections",
                column: "ChecklistId");

            migrationBuilder.CreateIndex(
                name: "IX_Inspections_ControlGroupId_PlannedOn",
                table: "Inspections",
                columns: new[] { "ControlGroupId", "PlannedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Inspections_Stage_CompletedAt",
                table: "Inspections",
                columns: new[] { "Stage", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Inspections_TargetId_PlannedOn",
                table: "Inspections",
                columns: new[] { "TargetId", "PlannedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_InspectionTargets_OrgUnitId",
                table: "InspectionTargets",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionTargets_ResponsibleBodyId",
                table: "InspectionTargets",
                column: "ResponsibleBodyId");

            migrationBuilder.CreateIndex(
                name: "IX_Overseers_MemberId",
                table: "Overseers",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Overseers_PlacementId_MemberId_StartsOn",
                table: "Overseers",
                columns: new[] { "PlacementId", "MemberId", "StartsOn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Placements_BodyId_StartsOn",
                table: "Placements",
                columns: new[] { "BodyId", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Placements_MemberId",
                table: "Placements",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Severities_Code",
                table: "Severities",
                column: "Code",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUsers_Members_MemberId",
                table: "AspNetUsers",
                column: "MemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AspNetUsers_Members_MemberId",
                table: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "Apportionments");

            migrationBuilder.DropTable(
                name: "DashboardCell");

            migrationBuilder.DropTable(
                name: "DashboardWatermark");

            migrationBuilder.DropTable(
                name: "Decisions");

            migrationBuilder.DropTable(
                name: "FindingAttachmentContents");

            migrationBuilder.DropTable(
                name: "FindingEvents");

            migrationBuilder.DropTable(
                name: "FindingTransitions");

            migrationBuilder.DropTable(
                name: "InspectionAnswers");

            migrationBuilder.DropTable(
                name: "Overseers");

            migrationBuilder.DropTable(
                name: "DecisionKinds");

            migrationBuilder.DropTable(
                name: "FindingAttachments");

            migrationBuilder.DropTable(
                name: "Placements");

            migrationBuilder.DropTable(
                name: "Findings");

            migrationBuilder.DropTable(
                name: "ChecklistItems");

            migrationBuilder.DropTable(
                name: "FindingStates");

            migrationBuilder.DropTable(
                name: "Inspections");

            migrationBuilder.DropTable(
                name: "Severities");

            migrationBuilder.DropTable(
                name: "Checklists");

            migrationBuilder.DropTable(
                name: "InspectionTargets");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_MemberId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "MemberId",
                table: "AspNetUsers");
        }
    }
}
