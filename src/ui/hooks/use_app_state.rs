//! The one `State`, from the address bar, as a reducer.

use crate::formats::link::LinkState;
use crate::ui::dom;
use crate::ui::state::{Msg, State};
use std::rc::Rc;
use yew::prelude::*;

impl Reducible for State {
    type Action = Msg;
    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut s = (*self).clone();
        s.apply(msg);
        Rc::new(s)
    }
}

/// The state decoded from the link the page was opened with, and a dispatch callback that
/// stays the same object across renders, so children given it skip re-rendering when
/// nothing else they read changed.
#[hook]
pub fn use_app_state() -> (UseReducerHandle<State>, Callback<Msg>) {
    let state = use_reducer(|| {
        let search = dom::search();
        let (mut link, notices) = LinkState::decode(&search);
        // Ask before telling: a first visit opens spoiler-free, the question first, unless the
        // link says otherwise or the visitor once chose to see every number (remembered).
        let says_teach = search.trim_start_matches('?').split('&').any(|kv| kv.starts_with("teach="));
        if !says_teach && !link.view.embed && !link.view.lesson && !link.view.present && dom::pref(dom::SHOW_ALL).is_none() {
            link.view.teach = true;
        }
        State::from_link(link, notices, dom::prefers_reduced_motion())
    });
    let dispatcher = state.dispatcher();
    let dispatch = use_callback((), move |m: Msg, _| dispatcher.dispatch(m));
    (state, dispatch)
}
