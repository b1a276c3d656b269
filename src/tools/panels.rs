//! The tools module's side (the `cascade-tools` binary, `src/tools/main.rs`): panels the app loads
//! on first use — the sweep, the follow-ups, the lesson, the fleet editor and the Embed form,
//! each a small Yew app mounted into a placeholder the app leaves (`app::islands`) — and file
//! exports. Each re-simulates what it needs from the link it is given (milliseconds), so no
//! state crosses but the link; what a panel says back is a `ui::seam::ToPage`.

use crate::formats::csvw;
use crate::sim::simulate;
use crate::tools::embed_dialog::EmbedDialog;
use crate::tools::export;
use crate::tools::fleet_editor::FleetEditor;
use crate::tools::followups_panel::FollowUps;
use crate::tools::lesson_view::LessonApp;
use crate::tools::sweep_view::SweepView;
use crate::ui::dom;
use crate::ui::seam::{self as tools_api, Export, ExportRequest, ToPage, Tool};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct IslandProps {
    pub tool: Tool,
    /// `tools_api::island_query`: the run's parameters and the sweep's setup.
    pub query: String,
    pub flags: tools_api::Flags,
    /// The panel's messages (`ToPage::encode`) back to the app.
    pub on_msg: Callback<String>,
    /// No panel: the app is kept, drawing nothing, for the next panel mounted (`cascade-tools`'s
    /// `Panel::destroy`: Yew never frees an app's root, so apps are reused, not destroyed).
    pub parked: bool,
}

impl IslandProps {
    /// An app between panels: nothing drawn, and no way back to a page that may be gone.
    pub fn parked(tool: Tool) -> IslandProps {
        IslandProps { tool, query: String::new(), flags: tools_api::Flags::default(), on_msg: Callback::noop(), parked: true }
    }
}

/// One island's root: the link read back, and the panel over it.
#[component]
pub fn Island(p: &IslandProps) -> Html {
    // The Embed form's setup is not an island query: it reads its own.
    let (params, setup) = (*use_memo((p.tool, p.query.clone()), |(tool, q)| match tool {
        Tool::Embed => Default::default(),
        _ => tools_api::read_island_query(q),
    }))
    .clone();
    // The same callback across renders, so the panel's props compare equal when nothing changed.
    let dispatch = use_callback(p.on_msg.clone(), |m: ToPage, on_msg| on_msg.emit(m.encode()));
    let dark = p.flags.dark;
    if p.parked {
        return Html::default();
    }
    match p.tool {
        Tool::Sweep => html! { <SweepView {params} {setup} {dark} {dispatch} eager={p.flags.eager} hide_numbers={p.flags.hide_numbers} /> },
        Tool::FollowUps => html! { <FollowUps {params} hide_numbers={p.flags.hide_numbers} {dispatch} /> },
        Tool::Lesson => html! { <LessonApp query={p.query.clone()} {dark} {dispatch} /> },
        Tool::Fleet => html! { <FleetEditor {params} {dispatch} /> },
        Tool::Embed => {
            html! { <EmbedDialog query={p.query.clone()} on_close={dispatch.reform(|()| ToPage::Close)} /> }
        }
    }
}

/// Makes the file `r` asks for and hands it to the browser's download.
pub fn run_export(r: &ExportRequest) {
    let (params, compare) = r.runs();
    let trace = simulate(&params);
    let pinned = compare.map(|c| {
        let t = simulate(&c);
        (t, c)
    });
    let name = format!("{}.csv", crate::formats::report::export_stem(&params, &r.url));
    match r.kind {
        Export::Csv => dom::download(&name, "text/csv", &csvw::trace_csv(&trace, pinned.as_ref().map(|p| &p.0), r.window)),
        Export::CsvMeta => {
            let meta = csvw::trace_metadata(&trace, &params, pinned.is_some(), r.window, &name, &r.url);
            dom::download(&csvw::metadata_name(&name), "application/csvm+json", &meta)
        }
        Export::Json => {
            let compare = pinned.as_ref().map(|(t, p)| (p, t));
            dom::download(&name.replace(".csv", ".json"), "application/json", &crate::formats::report::to_json_export(&params, &trace, compare, &r.url))
        }
        kind => {
            let body = match kind {
                Export::Demand => export::Body::Charts(&[crate::views::chart::Panel::Demand]),
                Export::Visibility => export::Body::Charts(&[crate::views::chart::Panel::Visibility]),
                Export::Access => export::Body::Charts(&[crate::views::chart::Panel::Access]),
                Export::WholeView | Export::FleetAndCharts | Export::Diagram => export::Body::Whole,
                _ => export::Body::Charts(&crate::views::chart::Panel::ALL),
            };
            let e = export::Export {
                trace: &trace,
                params: &params,
                compare: pinned.as_ref().map(|(t, p)| (t, p)),
                cursor: r.cursor,
                window: r.window,
                until: r.until,
                link: r.url.clone(),
                what: kind.what(),
                body,
                theme: crate::views::palette::Theme::of(r.dark),
                sheet: r.png,
            };
            if kind == Export::Diagram {
                export::download_diagram(&e)
            } else {
                export::download(&e)
            }
        }
    }
}
