//! `views::svg`'s element tree as Yew's virtual DOM: the page's backend for what the views draw
//! as SVG (the causal diagram), so the page and `cascade render` draw the same tree. Yew diffs
//! it as any `html!`, so an unchanged element (a moving dot's `animateMotion`) is kept.

use crate::views::svg::{El, Node};
use yew::virtual_dom::{VNode, VTag, VText};
use yew::Html;

pub fn html(el: &El) -> Html {
    let mut tag = VTag::new(el.name);
    for (k, v) in &el.attrs {
        tag.add_attribute(k, v.clone());
    }
    for c in &el.children {
        tag.add_child(match c {
            Node::El(e) => html(e),
            Node::Text(t) => VNode::VText(VText::new(t.clone())),
        });
    }
    VNode::from(tag)
}
